package dev.keycloakoidc.http;

import java.net.URI;
import java.util.Map;

/**
 * One request for {@link HttpTransport}.
 *
 * @param headers sent as given; {@code Content-Type} belongs here when there is a body
 * @param body    the bytes to send, or {@code null} for none (a POST or PUT then sends an empty body)
 */
public record HttpRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    public static HttpRequest get(URI url, Map<String, String> headers) {
        return new HttpRequest("GET", url, headers, null);
    }
}
