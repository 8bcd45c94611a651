package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpRequest;
import dev.keycloakoidc.http.HttpTransport;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.ProcessResult;
import dev.keycloakoidc.juju.ProcessRunner;
import dev.keycloakoidc.juju.SystemProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AOT training runs {@code tools/pack-charm} makes when the bundled runtime is JDK 25+
 * ({@code CHARM_AOT_TRAINING=1 CHARM_JVM_OPTIONS=-XX:AOTCacheOutput=lib/app.aot ./dispatch}, and
 * {@code CHARM_AOT_TRAINING=standby} for {@code lib/standby.aot}): the JVM records the classes the
 * run loads and links, and later hooks start from that cache (dispatch says which).
 *
 * <p>It runs the real {@link Main#run} for the hooks that matter (a non-leader's update-status, the
 * leader creating a consumer's client, the leader's steady update-status, {@code create-user}),
 * through the real {@link SystemProcessRunner} and {@link HttpTransport}, so that every class a real hook loads is
 * loaded here. Only the answers are canned: each hook tool is a {@code /bin/sh} that prints what
 * Juju would, and Keycloak is a loopback socket that answers the admin API and discovery requests
 * with representative JSON. No network, no Juju, no Keycloak needed at pack time.
 */
final class Training {

    private static final String MODEL_UUID = "6f1e0b7a-0000-4000-8000-000000000000";
    private static final String ADMIN_SECRET = "secret:d0000000000000000000";
    private static final String CLIENT_SECRET = "secret:c0000000000000000000";
    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";

    private Training() {}

    /**
     * {@code which} is {@code standby} for the cache of a unit that is not the leader (one hook:
     * its update-status), {@code 1} for the leader's (every hook that matters).
     */
    static int run(String which, PrintStream err) {
        if (!which.equals("1") && !which.equals("standby")) {
            err.println("keycloak-oidc training: CHARM_AOT_TRAINING must be 1 or standby, not " + which);
            return 2;
        }
        try (FakeKeycloak keycloak = new FakeKeycloak()) {
            Tools tools = new Tools(keycloak.url());
            int failures = 0;
            failures += hook(tools, false, "hooks/update-status", Map.of(), err);
            if (which.equals("standby")) {
                return failures == 0 ? 0 : 1;
            }
            failures += hook(tools, true, "hooks/config-changed", Map.of(), err);
            tools.serviceAccount = true;
            failures += hook(tools, true, "hooks/update-status", Map.of(), err);
            failures += hook(tools, true, "hooks/oidc-provider-relation-changed", Map.of("JUJU_RELATION", "oidc-provider",
                    "JUJU_RELATION_ID", "oidc-provider:1", "JUJU_REMOTE_APP", "dex-auth", "JUJU_REMOTE_UNIT", "dex-auth/0"), err);
            failures += hook(tools, true, "actions/create-user", Map.of("JUJU_ACTION_NAME", "create-user"), err);
            // The stand-in speaks plain http, which sets up no TLS; most Keycloaks are https, so
            // their trust store and TLS classes go into the cache too: a handshake with a server
            // that answers in plain http fails after the client has sent its hello.
            startTls(keycloak);
            return failures == 0 ? 0 : 1;
        }
    }

    private static void startTls(FakeKeycloak keycloak) {
        HttpTransport tls = HttpClients.create(Optional.empty());
        try {
            tls.send(HttpRequest.get(URI.create(keycloak.url().replace("http:", "https:")), Map.of()), 1);
        } catch (IOException expected) {
            // "Unsupported or unrecognized SSL message": the classes are loaded, which was the point
        }
    }

    private static int hook(Tools tools, boolean leader, String dispatchPath, Map<String, String> extra, PrintStream err) {
        tools.leader = leader;
        Map<String, String> env = new HashMap<>(extra);
        env.put("JUJU_DISPATCH_PATH", dispatchPath);
        env.put("JUJU_UNIT_NAME", leader ? "keycloak-oidc/0" : "keycloak-oidc/1");
        env.put("JUJU_MODEL_NAME", "training");
        env.put("JUJU_MODEL_UUID", MODEL_UUID);
        int exit = Main.run(env, new HookTools(tools), err);
        if (exit != 0) {
            err.println("keycloak-oidc training: " + dispatchPath + " exited " + exit);
        }
        return exit == 0 ? 0 : 1;
    }

    /** Hook tools that answer as Juju would for one leader, one consumer, and remember what was set. */
    private static final class Tools implements ProcessRunner {

        private final SystemProcessRunner system = new SystemProcessRunner();
        private final String keycloakUrl;
        private Map<String, String> published = Map.of();
        private boolean secretAdded;
        boolean leader;
        /** How the admin secret signs in: both ways go into the cache (docs/least-privilege.md). */
        boolean serviceAccount;

        Tools(String keycloakUrl) {
            this.keycloakUrl = keycloakUrl;
        }

        @Override
        public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
            String out = "";
            String error = "";
            int code = 0;
            switch (argv.get(0)) {
                case "is-leader" -> out = Boolean.toString(leader);
                case "config-get" -> out = json(Map.of("keycloak-url", keycloakUrl, "admin-credentials", ADMIN_SECRET,
                        "admin-realm", "master", "realm", "kubeflow", "issuer", "", "scopes", "openid profile email",
                        "username-key", "preferred_username", "connector-id", "keycloak", "connector-name", "Keycloak",
                        "ca-cert", ""));
                case "secret-get" -> out = !argv.contains(ADMIN_SECRET) ? json(Map.of("secret", "training"))
                        : serviceAccount ? json(Map.of("client-id", "keycloak-oidc", "client-secret", "training"))
                        : json(Map.of("username", "admin", "password", "training"));
                case "relation-ids" -> out = argv.contains("oidc-provider") ? "[\"oidc-provider:1\"]" : "[]";
                case "relation-list" -> out = argv.contains("--app") ? "\"dex-auth\"" : "[\"dex-auth/0\"]";
                case "relation-get" -> out = argv.contains("dex-auth")
                        ? json(Map.of("redirect_uri", CALLBACK)) : json(published);
                case "relation-set" -> {
                    Map<String, String> merged = new HashMap<>(published);
                    Json.parse(stdin).properties().forEach(e -> {
                        if (e.getValue().asText().isEmpty()) {
                            merged.remove(e.getKey());
                        } else {
                            merged.put(e.getKey(), e.getValue().asText());
                        }
                    });
                    published = Map.copyOf(merged);
                }
                case "secret-info-get" -> {
                    if (secretAdded) {
                        out = "{\"" + CLIENT_SECRET.substring("secret:".length())
                                + "\":{\"revision\":1,\"label\":\"client-secret-dex-auth\",\"owner\":\"application\"}}";
                    } else {
                        error = "ERROR secret \"client-secret-dex-auth\" not found\n";
                        code = 1;
                    }
                }
                case "secret-add" -> {
                    secretAdded = true;
                    out = CLIENT_SECRET + "\n";
                }
                case "secret-ids" -> out = secretAdded ? "[\"" + CLIENT_SECRET.substring("secret:".length()) + "\"]" : "[]";
                case "action-get" -> out = json(Map.of("username", "alice", "email", "alice@example.com"));
                case "state-get" -> out = "{}";
                default -> { }
            }
            // A real child process per call, as in a hook: the process code is part of what is cached.
            return system.run(List.of("/bin/sh", "-c", "printf %s \"$1\"; printf %s \"$2\" >&2; exit \"$3\"",
                    "sh", out, error, Integer.toString(code)), stdin);
        }

        private static String json(Map<String, String> map) {
            return Json.write(map);
        }
    }

    /** Keycloak's admin API and discovery document, as much as the hooks above ask, on a loopback port. */
    private static final class FakeKeycloak implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;
        private boolean clientCreated;

        FakeKeycloak() {
            try {
                server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this::serve, "training-keycloak");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
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
                while (answer(in, socket)) {
                    // next request on the same connection
                }
            } catch (IOException e) {
                // a client that went away: the charm's side reports it
            }
        }

        /** Answers one request; false when the connection is over. */
        private boolean answer(BufferedReader in, Socket socket) throws IOException {
            String requestLine = in.readLine();
            String[] line = requestLine == null ? new String[0] : requestLine.split(" ");
            if (line.length < 3) {
                return false; // a TLS hello (see startTls) or a client that went away
            }
            int length = 0;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                }
            }
            in.skip(length);
            String method = line[0];
            String target = line[1];
            String base = url();
            String issuer = base + "/realms/kubeflow";
            String client = "{\"id\":\"c1\",\"clientId\":\"dex-auth\",\"name\":\"dex-auth\",\"redirectUris\":[\"" + CALLBACK
                    + "\"],\"secret\":\"training\",\"attributes\":{\"juju.model-uuid\":\"" + MODEL_UUID
                    + "\",\"juju.application\":\"keycloak-oidc\"},\"enabled\":true,\"publicClient\":false,"
                    + "\"standardFlowEnabled\":true,\"implicitFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                    + "\"serviceAccountsEnabled\":false,\"clientAuthenticatorType\":\"client-secret\","
                    + "\"defaultClientScopes\":[\"profile\",\"email\"],\"optionalClientScopes\":[\"offline_access\"]}";
            int status = 200;
            String location = null;
            String body;
            if (target.endsWith("/protocol/openid-connect/token")) {
                body = "{\"access_token\":\"training\",\"expires_in\":60,\"token_type\":\"Bearer\"}";
            } else if (target.startsWith("/admin/serverinfo")) {
                body = "{\"systemInfo\":{\"version\":\"26.5.6\"},\"features\":[{\"name\":\"CLIENT_SECRET_ROTATION\","
                        + "\"enabled\":false}]}";
            } else if (target.equals("/realms/kubeflow/.well-known/openid-configuration")) {
                body = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                        + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\",\"userinfo_endpoint\":\""
                        + issuer + "/protocol/openid-connect/userinfo\",\"jwks_uri\":\"" + issuer
                        + "/protocol/openid-connect/certs\",\"introspection_endpoint\":\"" + issuer
                        + "/protocol/openid-connect/token/introspect\"}";
            } else if (target.equals("/admin/realms/kubeflow/client-scopes")) {
                body = "[{\"id\":\"s1\",\"name\":\"profile\",\"protocol\":\"openid-connect\",\"attributes\":{},"
                        + "\"protocolMappers\":[{\"id\":\"m1\",\"name\":\"username\",\"protocolMapper\":"
                        + "\"oidc-usermodel-attribute-mapper\",\"config\":{\"claim.name\":\"preferred_username\"}}]},"
                        + "{\"id\":\"s2\",\"name\":\"email\",\"protocol\":\"openid-connect\",\"attributes\":{},"
                        + "\"protocolMappers\":[]}]";
            } else if (target.startsWith("/admin/realms/kubeflow/clients") && method.equals("POST")) {
                clientCreated = true;
                status = 201;
                location = base + "/admin/realms/kubeflow/clients/c1";
                body = "";
            } else if (target.startsWith("/admin/realms/kubeflow/clients")) {
                body = clientCreated ? "[" + client + "]" : "[]";
            } else if (target.equals("/admin/realms/kubeflow/users/profile")) {
                body = "{\"attributes\":[{\"name\":\"username\"},{\"name\":\"email\"}]}";
            } else if (target.startsWith("/admin/realms/kubeflow/users") && method.equals("POST")) {
                status = 201;
                location = base + "/admin/realms/kubeflow/users/u1";
                body = "";
            } else if (target.startsWith("/admin/realms/kubeflow/users")) {
                body = "[]";
            } else if (target.equals("/admin/realms/kubeflow")) {
                body = "{\"realm\":\"kubeflow\",\"enabled\":true}";
            } else {
                status = 404;
                body = "{\"error\":\"not found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
                    + (location == null ? "" : "Location: " + location + "\r\n")
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
}
