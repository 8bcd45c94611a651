package dev.keycloakoidc.oidc;

import java.util.Optional;

/** The grant types an {@code oauth} requirer may ask for, by the names the interface uses. */
public enum GrantType {
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    CLIENT_CREDENTIALS("client_credentials"),
    DEVICE_CODE("urn:ietf:params:oauth:grant-type:device_code");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    /** As a requirer writes it in {@code grant_types}. */
    public String wireName() {
        return wireName;
    }

    /** Exact match, as the requirer library's schema enumerates them. */
    public static Optional<GrantType> fromWire(String name) {
        for (GrantType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
