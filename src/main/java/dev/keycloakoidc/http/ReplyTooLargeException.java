package dev.keycloakoidc.http;

import java.io.IOException;

/** An answer whose body is larger than the caller was willing to read. */
public final class ReplyTooLargeException extends IOException {

    private final int limit;

    ReplyTooLargeException(int limit) {
        super("the answer is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
