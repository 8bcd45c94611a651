package dev.keycloakoidc.oidc;

import java.util.Map;

/**
 * How the client secret of a {@link KratosProvider} reaches Kratos: the one place that decides
 * it. LIBAPI 1 of {@code charms.kratos_external_idp_integrator.v1.kratos_external_provider} has
 * only {@code client_secret}, the secret itself, in the provider's application databag: anyone
 * who can read the relation's data (the Kratos application, {@code juju show-unit} on it, a model
 * admin) can read it. When a later version of the library takes a Juju secret instead, a second
 * implementation that writes the secret's id is the change; nothing else writes the secret.
 *
 * <p>The implementations are classes with their own {@code toString}, never records, so that no
 * generated {@code toString} (of this type or of a record holding it) prints the secret.
 */
public sealed interface KratosClientSecret permits KratosClientSecret.InRelationData {

    /**
     * Adds this secret's keys to one provider entry of the {@code providers} list. Called last, as
     * the library writes {@code client_secret} after every other key.
     */
    void writeTo(Map<String, Object> provider);

    /**
     * Whether {@code secret} can go to Kratos as it is: it reads back as itself in Kratos' YAML
     * configuration ({@link KratosYaml}). Keycloak's generated secrets nearly always do; the charm
     * has Keycloak generate another for one that does not (say, all digits).
     */
    static boolean fits(String secret) {
        return KratosYaml.problem(secret).isEmpty();
    }

    /** The secret as plain text in relation data: all that LIBAPI 1 offers. */
    static KratosClientSecret inRelationData(String secret) {
        return new InRelationData(secret);
    }

    /** {@code client_secret} in plain relation data. */
    final class InRelationData implements KratosClientSecret {
        private final String secret;

        /**
         * @throws IllegalArgumentException when the secret is empty or would not read back as
         *     itself in Kratos' configuration ({@link KratosYaml}); the message never holds it
         */
        private InRelationData(String secret) {
            KratosYaml.problem(secret).ifPresent(problem -> {
                throw new IllegalArgumentException("client_secret " + problem);
            });
            this.secret = secret;
        }

        @Override
        public void writeTo(Map<String, Object> provider) {
            provider.put("client_secret", secret);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InRelationData that && secret.equals(that.secret);
        }

        @Override
        public int hashCode() {
            return secret.hashCode();
        }

        /** Names where the secret goes, never the secret. */
        @Override
        public String toString() {
            return "client_secret in relation data (hidden)";
        }
    }
}
