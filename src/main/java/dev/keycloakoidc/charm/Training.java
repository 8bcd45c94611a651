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
import java.util.LinkedHashMap;
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
 * leader creating the clients of one consumer on each endpoint, the leader's steady update-status,
 * {@code create-user}), through the real {@link SystemProcessRunner} and {@link HttpTransport}, so
 * that every class a real hook loads is loaded here. Only the answers are canned: each hook tool
 * is a {@code /bin/sh} that prints what Juju would, and Keycloak is a loopback socket that answers
 * the admin API and discovery requests with representative JSON. No network, no Juju, no Keycloak
 * needed at pack time.
 */
final class Training {

    private static final String MODEL_UUID = "6f1e0b7a-0000-4000-8000-000000000000";
    private static final String ADMIN_SECRET = "secret:d0000000000000000000";
    private static final String MARKERS = "\"juju.model-uuid\":\"" + MODEL_UUID + "\",\"juju.application\":\"keycloak-oidc\"";

    /**
     * One consumer of the training model: its relation, what it wrote, and its client as Keycloak
     * lists it once the charm made it (so that the steady hook finds nothing to change).
     */
    private record Consumer(String relationId, String app, Map<String, String> bag, String client) {

        String endpoint() {
            return relationId.substring(0, relationId.indexOf(':'));
        }
    }

    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer("oidc-provider:1", "dex-auth", Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback"),
                    client("c1", "dex-auth", "https://kubeflow.example.com/dex/callback", true, false, "")),
            new Consumer("dex-oidc-config:2", "stock-dex", Map.of("issuer-url", "https://dex.example.com/dex"),
                    client("c2", "stock-dex", "https://dex.example.com/dex/callback", true, false, "")),
            // Every grant and an audience, so that the flows and audience mappers are trained too.
            new Consumer("oauth:3", "grafana", Map.of("redirect_uri", "https://grafana.example.com/login/generic_oauth",
                    "scope", "openid email offline_access",
                    "grant_types", "[\"authorization_code\", \"refresh_token\", \"client_credentials\"]",
                    "audience", "[\"training\"]", "token_endpoint_auth_method", "client_secret_basic"),
                    client("c3", "grafana", "https://grafana.example.com/login/generic_oauth", true, true,
                            "{\"id\":\"m3\",\"name\":\"audience training\",\"protocol\":\"openid-connect\","
                            + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.custom.audience\":"
                            + "\"training\",\"access.token.claim\":\"true\",\"introspection.token.claim\":\"true\","
                            + "\"id.token.claim\":\"false\",\"userinfo.token.claim\":\"false\"," + MARKERS + "}}")));

    private static String client(String id, String clientId, String redirectUri, boolean refresh, boolean serviceAccount,
                                 String mapper) {
        return "{\"id\":\"" + id + "\",\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId
                + "\",\"redirectUris\":[\"" + redirectUri + "\"],\"secret\":\"training\",\"attributes\":{" + MARKERS
                + ",\"use.refresh.tokens\":\"" + refresh + "\",\"oauth2.device.authorization.grant.enabled\":\"false\"},"
                + "\"enabled\":true,\"publicClient\":false,\"standardFlowEnabled\":true,\"implicitFlowEnabled\":false,"
                + "\"directAccessGrantsEnabled\":false,\"serviceAccountsEnabled\":" + serviceAccount
                + ",\"clientAuthenticatorType\":\"client-secret\",\"protocolMappers\":[" + mapper + "],"
                + "\"defaultClientScopes\":[\"profile\",\"email\"],\"optionalClientScopes\":[\"offline_access\"]}";
    }

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
            for (Consumer consumer : CONSUMERS) {
                failures += hook(tools, true, "hooks/" + consumer.endpoint() + "-relation-changed",
                        Map.of("JUJU_RELATION", consumer.endpoint(), "JUJU_RELATION_ID", consumer.relationId(),
                                "JUJU_REMOTE_APP", consumer.app(), "JUJU_REMOTE_UNIT", consumer.app() + "/0"), err);
            }
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

    /** Hook tools that answer as Juju would for one leader and its consumers, and remember what was set. */
    private static final class Tools implements ProcessRunner {

        private final SystemProcessRunner system = new SystemProcessRunner();
        private final String keycloakUrl;
        /** This application's bag, by relation id. */
        private final Map<String, Map<String, String>> published = new HashMap<>();
        /** The client secrets added, id by label. */
        private final Map<String, String> secrets = new LinkedHashMap<>();
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
            Optional<Consumer> consumer = after(argv, "-r").flatMap(id -> CONSUMERS.stream()
                    .filter(c -> c.relationId().equals(id)).findFirst());
            switch (argv.get(0)) {
                case "is-leader" -> out = Boolean.toString(leader);
                case "config-get" -> out = json(Map.of("keycloak-url", keycloakUrl, "admin-credentials", ADMIN_SECRET,
                        "admin-realm", "master", "realm", "kubeflow", "issuer", "", "scopes", "openid profile email",
                        "username-key", "preferred_username", "connector-id", "keycloak", "connector-name", "Keycloak",
                        "ca-cert", ""));
                case "secret-get" -> out = !argv.contains(ADMIN_SECRET) ? json(Map.of("secret", "training"))
                        : serviceAccount ? json(Map.of("client-id", "keycloak-oidc", "client-secret", "training"))
                        : json(Map.of("username", "admin", "password", "training"));
                case "relation-ids" -> out = Json.write(CONSUMERS.stream().filter(c -> c.endpoint().equals(argv.get(1)))
                        .map(Consumer::relationId).toList());
                case "relation-list" -> out = argv.contains("--app") ? Json.write(consumer.orElseThrow().app())
                        : Json.write(List.of(consumer.orElseThrow().app() + "/0"));
                case "relation-get" -> out = argv.contains(consumer.orElseThrow().app()) ? json(consumer.get().bag())
                        : json(published.getOrDefault(consumer.get().relationId(), Map.of()));
                case "relation-set" -> {
                    Map<String, String> merged = new HashMap<>(published.getOrDefault(consumer.orElseThrow().relationId(), Map.of()));
                    Json.parse(stdin).properties().forEach(e -> {
                        if (e.getValue().asText().isEmpty()) {
                            merged.remove(e.getKey());
                        } else {
                            merged.put(e.getKey(), e.getValue().asText());
                        }
                    });
                    published.put(consumer.get().relationId(), Map.copyOf(merged));
                }
                case "secret-info-get" -> {
                    String label = after(argv, "--label").orElse("");
                    if (secrets.containsKey(label)) {
                        out = "{\"" + secrets.get(label).substring("secret:".length())
                                + "\":{\"revision\":1,\"label\":\"" + label + "\",\"owner\":\"application\"}}";
                    } else {
                        error = "ERROR secret \"" + label + "\" not found\n";
                        code = 1;
                    }
                }
                case "secret-add" -> {
                    String id = String.format("secret:c%019d", secrets.size());
                    secrets.put(after(argv, "--label").orElseThrow(), id);
                    out = id + "\n";
                }
                case "secret-ids" -> out = Json.write(secrets.values().stream().map(id -> id.substring("secret:".length())).toList());
                case "action-get" -> out = json(Map.of("username", "alice", "email", "alice@example.com"));
                case "state-get" -> out = "{}";
                default -> { }
            }
            // A real child process per call, as in a hook: the process code is part of what is cached.
            return system.run(List.of("/bin/sh", "-c", "printf %s \"$1\"; printf %s \"$2\" >&2; exit \"$3\"",
                    "sh", out, error, Integer.toString(code)), stdin);
        }

        private static Optional<String> after(List<String> argv, String flag) {
            int at = argv.indexOf(flag);
            return at >= 0 && at + 1 < argv.size() ? Optional.of(argv.get(at + 1)) : Optional.empty();
        }

        private static String json(Map<String, String> map) {
            return Json.write(map);
        }
    }

    /** Keycloak's admin API and discovery document, as much as the hooks above ask, on a loopback port. */
    private static final class FakeKeycloak implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;
        /** How many of {@link #CONSUMERS}' clients exist: they are created in that order. */
        private volatile int clientsCreated;

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
                clientsCreated++;
                status = 201;
                location = base + "/admin/realms/kubeflow/clients/c" + clientsCreated;
                body = "";
            } else if (target.startsWith("/admin/realms/kubeflow/clients")) {
                body = "[" + String.join(",", CONSUMERS.subList(0, clientsCreated).stream().map(Consumer::client).toList()) + "]";
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
