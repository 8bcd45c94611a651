package dev.keycloakoidc.oidc;

import java.util.Optional;

/** Placeholder until the oidc package lands. */
public final class DexIssuers {
    private DexIssuers() {}

    public static String callbackUrl(String issuerUrl) {
        return issuerUrl.replaceAll("/+$", "") + "/callback";
    }

    public static Optional<String> warning(String issuerUrl) {
        return Optional.empty();
    }
}
