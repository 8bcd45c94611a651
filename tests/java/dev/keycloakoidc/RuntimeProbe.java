package dev.keycloakoidc;

import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpReply;
import dev.keycloakoidc.http.HttpRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run by {@link PackedCharmIT} on the charm's bundled runtime, to show that runtime has what the
 * charm needs beyond what jdeps sees: a real trust store, the modules TLS needs (through the
 * charm's own {@link HttpClients}), and a working process launcher (hook tools are processes).
 *
 * <p>Usage: {@code RuntimeProbe <https url> <ca pem file>}. Prints {@code system-cas <n>},
 * {@code spawned <output>}, {@code status <code>} and {@code body <text>},
 * one a line; any failure ends it with an exception on stderr and a non-zero exit.
 */
public final class RuntimeProbe {

    private RuntimeProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("system-cas " + systemTrust().getAcceptedIssuers().length);
        System.out.println("spawned " + spawn("/bin/sh", "-c", "echo ok"));

        HttpReply reply = HttpClients.create(Optional.of(Files.readString(Path.of(args[1]))))
                .send(HttpRequest.get(URI.create(args[0]), Map.of()), 1 << 20);
        System.out.println("status " + reply.status());
        System.out.println("body " + reply.text());
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static String spawn(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " exited " + process.exitValue() + ": " + out);
        }
        return out;
    }
}
