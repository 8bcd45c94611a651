package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.oidc.CertificateTransferVersion;
import dev.keycloakoidc.oidc.ReceivedCertificates;
import dev.keycloakoidc.oidc.SentCertificates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two {@code certificate_transfer} endpoints. On {@code receive-ca-cert} the charm is the
 * requirer: each provider's CAs (self-signed-certificates, lego, manual-tls-certificates) join
 * {@code ca-cert} in what the charm trusts for Keycloak ({@link Trust}). On {@code send-ca-cert}
 * it is the provider: it sends that same trust to a requirer (oauth2-proxy, kratos) that must
 * reach Keycloak over TLS, in the bags the requirer's version asks for.
 *
 * <p>Reading and deciding are pure ({@link #trust}, {@link #sent}); {@link #apply} writes only
 * what differs. The leader writes the application bags; every unit writes its own v0 unit bag,
 * so a non-leader's hook does this and nothing else (no Keycloak).
 */
final class CaTransferEndpoints {

    static final String SEND = "send-ca-cert";
    static final String RECEIVE = "receive-ca-cert";

    private CaTransferEndpoints() {}

    /** One {@code receive-ca-cert} relation and what its provider sent. */
    record Received(Relation relation, ReceivedCertificates.Parsed parsed) {}

    /**
     * The CAs to trust for Keycloak: {@code ca-cert}'s, then each valid provider's, repeats
     * dropped; and one blocked status per provider whose data is malformed (its CAs are not
     * trusted, every other provider's are).
     */
    record Trust(CaBundle certificates, List<Status> problems) {

        Trust {
            problems = List.copyOf(problems);
        }

        /**
         * {@code ca-cert} alone. {@link CharmConfig} has read it with the JDK already; a block
         * {@link CaBundle} refuses all the same (a private key pasted among the certificates) is
         * a blocked status, not a crash, and nothing of {@code ca-cert} is trusted.
         */
        static Trust of(Optional<String> caCert) {
            if (caCert.isEmpty()) {
                return new Trust(CaBundle.empty(), List.of());
            }
            CaBundle.Parsed parsed = CaBundle.parse(caCert.get());
            if (parsed instanceof CaBundle.Invalid invalid) {
                return new Trust(CaBundle.empty(), List.of(new Status.Blocked("ca-cert: " + invalid.problem())));
            }
            return new Trust(((CaBundle.Valid) parsed).bundle(), List.of());
        }

        /** One PEM bundle for the TLS clients, empty when there is nothing but the system's CAs. */
        Optional<String> pem() {
            return certificates.pem();
        }

        /** One PEM text per certificate, for {@code ca_chain}; empty when there is none. */
        Optional<List<String>> chain() {
            return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.pems());
        }
    }

    /** Every standing {@code receive-ca-cert} relation, with each provider's application and unit bags read. */
    static List<Received> receive(Juju juju) {
        List<Received> received = new ArrayList<>();
        for (Relation relation : juju.relations(RECEIVE)) {
            received.add(new Received(relation,
                    ReceivedCertificates.parse(relation.remoteAppData(), juju.remoteUnitBags(relation))));
        }
        return received;
    }

    /** @param caCert the operator's {@code ca-cert}, already checked by {@link CharmConfig} */
    static Trust trust(Optional<String> caCert, List<Received> received) {
        Trust own = Trust.of(caCert);
        List<CaBundle> valid = new ArrayList<>();
        List<Status> problems = new ArrayList<>(own.problems());
        for (Received one : received) {
            if (one.parsed() instanceof ReceivedCertificates.Valid v) {
                valid.add(v.certificates());
            } else {
                Relation relation = one.relation();
                problems.add(new Status.Blocked(relation.id() + " (" + relation.remoteApp() + "): "
                        + ((ReceivedCertificates.Invalid) one.parsed()).problem()
                        + "; its CAs are not trusted until it sends valid ones"));
            }
        }
        return new Trust(own.certificates().union(valid), problems);
    }

    /** What the charm writes on one {@code send-ca-cert} relation, for the version its requirer asked for. */
    static SentCertificates.Databags sent(Trust trust, Relation relation) {
        return new SentCertificates(trust.certificates())
                .databags(CertificateTransferVersion.askedBy(relation.remoteAppData()));
    }

    /**
     * Writes what differs: on every {@code send-ca-cert} relation this unit's own bag and, on the
     * leader, the application's; on every {@code receive-ca-cert} relation, on the leader, the
     * requirer's {@code version: 1}.
     */
    static void apply(Juju juju, Trust trust, List<Relation> send, List<Received> received) {
        for (Relation relation : send) {
            SentCertificates.Databags bags = sent(trust, relation);
            if (juju.isLeader()) {
                juju.publish(relation, bags.app());
            }
            juju.publishUnit(relation, bags.unit());
        }
        if (juju.isLeader()) {
            for (Received one : received) {
                juju.publish(one.relation(), ReceivedCertificates.REQUIRER_APP_DATA);
            }
        }
    }

    /**
     * A non-leader's whole part: its own unit bag on each {@code send-ca-cert} relation. Nothing
     * is read beyond {@code relation-ids} when there is no such relation; with a config the
     * leader blocks on, the bags stay as they were.
     */
    static void applyAsUnit(Juju juju) {
        List<Relation> send = juju.relations(SEND);
        if (send.isEmpty()) {
            return;
        }
        if (CharmConfig.parse(juju.config()) instanceof CharmConfig.Valid valid) {
            List<Received> received = receive(juju);
            apply(juju, trust(valid.config().caCert(), received), send, received);
        }
    }
}
