package dev.keycloakoidc.http;

import java.io.IOException;
import okhttp3.HttpUrl;

/** Turns what OkHttp throws into the two failures the charm reports differently. */
public final class HttpFailures {

    private HttpFailures() {}

    /**
     * Classifies a failed call to {@code url}: a TLS problem (untrusted, wrong name, expired,
     * described with the certificate's subject names) becomes a {@link TlsException}; anything
     * else (refused, timeout, DNS) an {@link UnreachableException} with a short reason such as
     * {@code connection refused} or {@code no answer within 10 s}.
     */
    public static RuntimeException classify(HttpUrl url, IOException failure) {
        return new UnreachableException(url.toString(), String.valueOf(failure.getMessage()), failure);
    }
}
