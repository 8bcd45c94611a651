package dev.keycloakoidc.training;

import dev.keycloakoidc.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Keycloak as the training's hooks see it, on a loopback port: the token and logout endpoints, the
 * admin API requests and the discovery document the hooks of {@link Scenario} make, with
 * representative JSON. Plain sockets rather than the JDK's HTTP server, whose classes would otherwise go into
 * the cache and be preloaded by every hook. {@code TrainingIT} checks the requests and statuses
 * against a real Keycloak.
 */
public final class CannedKeycloak implements AutoCloseable {

    /** The consumers' client secret, as Keycloak generated it (the same for each: it never shows). */
    static final String CLIENT_SECRET_VALUE = "training-client-secret";
    /** The Keycloak version its server info names. */
    static final String VERSION = "26.5.6";
    private static final String USER_ID = "a0000000-0000-4000-8000-000000000002";
    private static final String MARKERS = "\"juju.model-uuid\":\"" + CannedJuju.MODEL_UUID
            + "\",\"juju.application\":\"keycloak-oidc\"";

    /** Each consumer's client as Keycloak lists it once the charm made it, so that later hooks find nothing to change. */
    private static final Map<String, String> CLIENTS = Map.of(
            "dex-auth", client(1, "dex-auth", "https://kubeflow.example.com/dex/callback", false, ""),
            "stock-dex", client(2, "stock-dex", "https://dex.example.com/dex/callback", false, ""),
            "grafana", client(3, "grafana", "https://grafana.example.com/login/generic_oauth", true,
                    "{\"id\":\"b0000000-0000-4000-8000-000000000003\",\"name\":\"audience training\","
                    + "\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
                    + "\"included.custom.audience\":\"training\",\"access.token.claim\":\"true\","
                    + "\"introspection.token.claim\":\"true\",\"id.token.claim\":\"false\"," + MARKERS + "}}"));

    private final ServerSocket server;
    /** The clientIds of the clients the charm made, in the order Keycloak lists them. */
    private final Set<String> created = new ConcurrentSkipListSet<>();

    private CannedKeycloak() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "training-keycloak");
        thread.setDaemon(true);
        thread.start();
    }

    public static CannedKeycloak start() {
        try {
            return new CannedKeycloak();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private record Answer(int status, String location, String body) {
        static Answer json(String body) {
            return new Answer(200, null, body);
        }
    }

    private Answer answer(String method, String target, String body) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String realm = "/admin/realms/" + CannedJuju.REALM;
        String issuer = url() + "/realms/" + CannedJuju.REALM;
        if (path.endsWith("/protocol/openid-connect/token")) {
            // A password grant opens a session, which the charm ends when the hook does.
            return Answer.json("{\"access_token\":\"training-access-token\",\"expires_in\":60,\"token_type\":\"Bearer\""
                    + (body.contains("grant_type=password") ? ",\"refresh_token\":\"training-refresh-token\"" : "") + "}");
        } else if (path.endsWith("/protocol/openid-connect/logout")) {
            return new Answer(204, null, "");
        } else if (path.equals("/admin/serverinfo")) {
            return Answer.json("{\"systemInfo\":{\"version\":\"" + VERSION + "\"},\"features\":[{\"name\":\"CLIENT_SECRET_ROTATION\","
                    + "\"enabled\":false}]}");
        } else if (path.equals("/realms/" + CannedJuju.REALM + "/.well-known/openid-configuration")) {
            return Answer.json("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                    + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\",\"userinfo_endpoint\":\""
                    + issuer + "/protocol/openid-connect/userinfo\",\"jwks_uri\":\"" + issuer
                    + "/protocol/openid-connect/certs\",\"introspection_endpoint\":\"" + issuer
                    + "/protocol/openid-connect/token/introspect\"}");
        } else if (path.equals(realm + "/client-scopes")) {
            return Answer.json("[{\"id\":\"s1\",\"name\":\"profile\",\"protocol\":\"openid-connect\",\"attributes\":{},"
                    + "\"protocolMappers\":[{\"id\":\"m1\",\"name\":\"username\",\"protocolMapper\":"
                    + "\"oidc-usermodel-attribute-mapper\",\"config\":{\"claim.name\":\"preferred_username\"}}]},"
                    + "{\"id\":\"s2\",\"name\":\"email\",\"protocol\":\"openid-connect\",\"attributes\":{},"
                    + "\"protocolMappers\":[]},"
                    + "{\"id\":\"s3\",\"name\":\"offline_access\",\"protocol\":\"openid-connect\",\"attributes\":{},"
                    + "\"protocolMappers\":[]}]");
        } else if (path.equals(realm + "/clients") && method.equals("POST")) {
            String clientId = clientIdOf(body);
            created.add(clientId);
            return new Answer(201, url() + realm + "/clients/" + idOf(client(clientId, issuer)), "");
        } else if (path.equals(realm + "/clients")) {
            String only = target.contains("?clientId=") ? target.substring(target.indexOf("?clientId=") + "?clientId=".length()) : null;
            return Answer.json("[" + String.join(",", created.stream().filter(c -> only == null || c.equals(only))
                    .map(c -> client(c, issuer)).toList()) + "]");
        } else if (path.equals(realm + "/users/profile")) {
            return Answer.json("{\"attributes\":[{\"name\":\"username\"},{\"name\":\"email\"}]}");
        } else if (path.equals(realm + "/users") && method.equals("POST")) {
            return new Answer(201, url() + realm + "/users/" + USER_ID, "");
        } else if (path.equals(realm)) {
            return Answer.json("{\"realm\":\"" + CannedJuju.REALM + "\",\"enabled\":true}");
        }
        return new Answer(404, null, "{\"error\":\"not found\"}");
    }

    /**
     * A consumer's client as Keycloak lists it; Kratos' is registered at the callback it answered
     * with, which names the provider id and so the issuer, and has the standard flow alone.
     */
    private static String client(String clientId, String issuer) {
        if (clientId.equals("kratos")) {
            return client(4, clientId, CannedJuju.kratosRedirect(clientId, issuer), false, "")
                    .replace("\"use.refresh.tokens\":\"true\"", "\"use.refresh.tokens\":\"false\"");
        }
        return CLIENTS.get(clientId);
    }

    /** A client made by this charm in the training's model, with the flows of a Dex, or all but the device's. */
    private static String client(int n, String clientId, String redirectUri, boolean serviceAccount, String mapper) {
        return "{\"id\":\"" + uuid(n) + "\",\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId
                + " (Juju model " + CannedJuju.MODEL_NAME + ")\",\"redirectUris\":[\"" + redirectUri + "\"],\"secret\":\""
                + CLIENT_SECRET_VALUE + "\",\"attributes\":{" + MARKERS + ",\"use.refresh.tokens\":\"true\","
                + "\"oauth2.device.authorization.grant.enabled\":\"false\"},\"enabled\":true,\"publicClient\":false,"
                + "\"standardFlowEnabled\":true,\"implicitFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                + "\"serviceAccountsEnabled\":" + serviceAccount + ",\"clientAuthenticatorType\":\"client-secret\","
                // Keycloak leaves protocolMappers out of a client that has none.
                + (mapper.isEmpty() ? "" : "\"protocolMappers\":[" + mapper + "],")
                + "\"defaultClientScopes\":[\"profile\",\"email\"],\"optionalClientScopes\":[\"offline_access\"]}";
    }

    private static String uuid(int n) {
        return String.format("c0000000-0000-4000-8000-%012d", n);
    }

    private static String clientIdOf(String representation) {
        return field(representation, "clientId");
    }

    private static String idOf(String representation) {
        return field(representation, "id");
    }

    private static String field(String representation, String name) {
        try {
            return Json.parse(representation).path(name).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                // Connections are kept alive, as Keycloak keeps them, so that the charm's
                // kept-alive path is trained too: one thread each.
                Thread connection = new Thread(() -> answerAll(socket), "training-keycloak-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void answerAll(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            while (answerOne(in, socket.getOutputStream())) {
                // next request on the same connection
            }
        } catch (IOException e) {
            // a client that went away: the charm's side reports it
        }
    }

    /** Reads one request and answers it; false when the connection is over. */
    private boolean answerOne(BufferedReader in, OutputStream out) throws IOException {
        String requestLine = in.readLine();
        String[] line = requestLine == null ? new String[0] : requestLine.split(" ");
        if (line.length < 3) {
            return false; // a TLS hello (see Training) or a client that went away
        }
        int length = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        char[] body = new char[length];
        for (int read = 0; read < length; ) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                return false;
            }
            read += n;
        }
        Answer answer = answer(line[0], line[1], new String(body));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + answer.status() + " X\r\nContent-Type: application/json\r\n"
                + (answer.location() == null ? "" : "Location: " + answer.location() + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to clean up
        }
    }
}
