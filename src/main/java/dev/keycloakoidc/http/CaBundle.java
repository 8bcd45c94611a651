package dev.keycloakoidc.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CA certificates to trust, in order, each once: the operator's {@code ca-cert} and what
 * {@code certificate_transfer} providers send. Two bundles with the same certificates in the same
 * order are equal ({@link X509Certificate#equals} compares the DER encoding), so a bundle read
 * back from a relation compares with the one that was written.
 *
 * <p>{@link #pems()} writes each certificate as one PEM block re-encoded from its DER: whatever
 * surrounded it in the input (comments, a private key someone pasted along) never travels on.
 *
 * @param certificates distinct, in the order first seen
 */
public record CaBundle(List<X509Certificate> certificates) {

    private static final CaBundle EMPTY = new CaBundle(List.of());
    /**
     * Any PEM block (RFC 7468): its label, and its body up to the matching END line, or up to the
     * next BEGIN line or the end of the text when that END line is missing.
     */
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([^-\\r\\n]*)-----(.*?)(?:-----END \\1-----|(?=-----BEGIN )|\\z)", Pattern.DOTALL);
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    public CaBundle {
        certificates = List.copyOf(new LinkedHashSet<>(certificates));
    }

    public static CaBundle empty() {
        return EMPTY;
    }

    /** The outcome of reading PEM text: the certificates, or what is wrong with it. */
    public sealed interface Parsed permits Valid, Invalid {}

    /** Every certificate of the text, duplicates dropped. */
    public record Valid(CaBundle bundle) implements Parsed {}

    /**
     * A status-ready reason, e.g. {@code certificate 2 is not readable X.509 (...)}, counting the
     * text's PEM blocks from 1.
     */
    public record Invalid(String problem) implements Parsed {}

    /**
     * Reads every {@code CERTIFICATE} block of {@code pem} through the JDK's
     * {@link CertificateFactory}, one block at a time so that a problem names its block. Text
     * between blocks is ignored (bundles such as {@code ca-certificates.crt} carry comments). It
     * is {@link Invalid} when there is no certificate, a block is not a certificate (a private key,
     * OpenSSL's {@code TRUSTED CERTIFICATE}), a block has no END line, or a block is not a readable
     * X.509 certificate.
     */
    public static Parsed parse(String pem) {
        List<X509Certificate> found = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem == null ? "" : pem);
        int n = 0;
        while (block.find()) {
            n++;
            String label = block.group(1);
            if (!label.equals(CERTIFICATE)) {
                return new Invalid("block " + n + " is a " + shown(label) + ", not a CERTIFICATE");
            }
            if (!block.group().endsWith("-----END CERTIFICATE-----")) {
                return new Invalid("certificate " + n + " has no '-----END CERTIFICATE-----' line");
            }
            try {
                found.add(x509(block.group()));
            } catch (CertificateException | ClassCastException e) {
                return new Invalid("certificate " + n + " is not readable X.509 (" + e.getMessage() + ")");
            }
        }
        if (n == 0) {
            return new Invalid("no '-----BEGIN CERTIFICATE-----' block found");
        }
        return new Valid(new CaBundle(found));
    }

    /** As {@link #parse}, for text that must be valid (tests, constants). */
    public static CaBundle of(String pem) {
        Parsed parsed = parse(pem);
        if (parsed instanceof Invalid invalid) {
            throw new IllegalArgumentException(invalid.problem());
        }
        return ((Valid) parsed).bundle();
    }

    /** These certificates, then those of {@code others} not among them yet, in order. */
    public CaBundle union(Collection<CaBundle> others) {
        List<X509Certificate> all = new ArrayList<>(certificates);
        others.forEach(other -> all.addAll(other.certificates));
        return new CaBundle(all);
    }

    /** As {@link #union(Collection)} with one other bundle. */
    public CaBundle union(CaBundle other) {
        return union(List.of(other));
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    public int size() {
        return certificates.size();
    }

    /**
     * One PEM text per certificate, as {@code ca_chain} and {@code certificate_transfer} carry
     * them: the RFC 7468 form OpenSSL writes (64 characters a line, {@code \n} line ends, a final
     * {@code \n}).
     */
    public List<String> pems() {
        return certificates.stream().map(CaBundle::pem).toList();
    }

    /**
     * All the certificates as one PEM bundle, for {@link HttpClients#create(Optional)}; empty when
     * there are none. The same certificates in the same order give the same text, so the
     * transport that function keeps per bundle is reused.
     */
    public Optional<String> pem() {
        return isEmpty() ? Optional.empty() : Optional.of(String.join("", pems()));
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate read from PEM has no DER encoding", e);
        }
    }

    private static X509Certificate x509(String block) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A block's label as a status may show it: printable, short. */
    private static String shown(String label) {
        String printable = label.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 30 ? printable : printable.substring(0, 27) + "...";
    }
}
