/**
 * JSON for every part of the charm ({@link dev.keycloakoidc.json.Json}): jackson-core's parser
 * and generator over Jackson's trees, without an {@code ObjectMapper} (README, "Benchmark", says
 * why). Depends on no other package of the charm.
 */
package dev.keycloakoidc.json;
