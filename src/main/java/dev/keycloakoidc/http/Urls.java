package dev.keycloakoidc.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Builds request URLs from parts that may hold any character (realm names, user names, e-mails). */
public final class Urls {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Urls() {}

    /** {@code base} followed by each segment, each percent-encoded as a whole (a '/' in one stays in it). */
    public static URI withSegments(URI base, String... segments) {
        StringBuilder url = new StringBuilder(base.toString().replaceAll("/+$", ""));
        for (String segment : segments) {
            url.append('/').append(encode(segment));
        }
        return URI.create(url.toString());
    }

    /** {@code url} with a query of the given names and values, in order: {@code name, value, name, value...}. */
    public static URI withQuery(URI url, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a query needs a value for each name");
        }
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return URI.create(url.toString() + query);
    }

    /** RFC 3986: everything but the unreserved characters, as UTF-8 bytes ({@code ' '} is {@code %20}, never {@code +}). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
