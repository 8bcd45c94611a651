package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpUrl;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretUri;
import dev.keycloakoidc.oidc.KratosProvider;
import dev.keycloakoidc.oidc.Scopes;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The charm's configuration, validated. Built with {@link #parse}, which never throws: every bad
 * value becomes a one-line problem that names the option and what to set instead.
 *
 * @param keycloakUrl      base URL for the admin API, without a trailing slash
 * @param adminCredentials URI of the user secret with the admin credentials
 * @param issuer           the issuer published to consumers (the configured one or the default)
 * @param caCert           the operator's PEM bundle, when set
 * @param secretRotation   Juju's rotation policy for the client secrets consumers read from a Juju
 *                         secret (see {@code RotationPolicies} for which those are)
 * @param kratosLabel      the sign-in button's text in Kratos' login UI ({@code kratos-external-idp})
 */
public record CharmConfig(URI keycloakUrl, String adminCredentials, String adminRealm, String realm,
                          String issuer, List<String> scopes, String usernameKey, String connectorId,
                          String connectorName, Optional<String> caCert, RotatePolicy secretRotation,
                          String kratosLabel) {

    /** config.yaml's default of {@code kratos-label}, for a config read without it. */
    static final String DEFAULT_KRATOS_LABEL = "Keycloak";

    /** Keycloak's own rule for realm names is loose; this keeps them safe in URLs and Dex config. */
    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern CONNECTOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /** The configuration, or the problems that keep the charm from using it. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(CharmConfig config) implements Parsed {}

    /** One or more one-line problems, each naming the option and what to set instead. */
    public record Invalid(List<String> problems) implements Parsed {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public static Parsed parse(Map<String, Object> raw) {
        List<String> problems = new ArrayList<>();
        Optional<URI> url = keycloakUrl(string(raw, "keycloak-url"), problems);
        String credentials = string(raw, "admin-credentials").strip();
        if (credentials.isEmpty()) {
            problems.add("set admin-credentials (a Juju user secret with username and password)");
        } else if (!SecretUri.isUri(credentials)) {
            problems.add("admin-credentials must be a secret URI (secret:...), from juju add-secret; got '"
                    + abbreviate(credentials) + "'");
        }
        String adminRealm = realmName("admin-realm", string(raw, "admin-realm"), problems);
        String realm = realmName("realm", string(raw, "realm"), problems);
        Optional<String> issuer = issuer(string(raw, "issuer").strip(), url, realm, problems);
        List<String> scopes = scopes(string(raw, "scopes"), problems);
        String usernameKey = matching("username-key", string(raw, "username-key").strip(), CLAIM,
                "a claim name such as preferred_username", problems);
        String connectorId = matching("connector-id", string(raw, "connector-id").strip(), CONNECTOR_ID,
                "letters, digits, '-' and '_'", problems);
        String connectorName = string(raw, "connector-name").strip();
        if (connectorName.isEmpty() || connectorName.contains("$") || connectorName.length() > 100) {
            problems.add("connector-name must be 1-100 characters without '$' (Dex expands $VARS)");
        }
        Optional<String> caCert = caCert(string(raw, "ca-cert"), problems);
        RotatePolicy secretRotation = secretRotation(raw.get("secret-rotation"), problems);
        String kratosLabel = raw.get("kratos-label") == null ? DEFAULT_KRATOS_LABEL : string(raw, "kratos-label");
        Optional<String> labelProblem = KratosProvider.labelProblem(kratosLabel);
        if (labelProblem.isPresent()) {
            problems.add("kratos-label " + labelProblem.get());
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new CharmConfig(url.orElseThrow(), credentials, adminRealm, realm,
                issuer.orElseThrow(), scopes, usernameKey, connectorId, connectorName, caCert, secretRotation,
                kratosLabel));
    }

    /**
     * One of Juju's own policy names, exactly as {@code secret-add --rotate} takes them. Juju always
     * passes the option (with its default); a config without it is one from before the option.
     */
    private static RotatePolicy secretRotation(Object value, List<String> problems) {
        if (value == null) {
            return RotatePolicy.NEVER;
        }
        String name = value.toString().strip();
        Optional<RotatePolicy> policy = RotatePolicy.of(name);
        if (policy.isEmpty()) {
            problems.add("secret-rotation must be one of " + Arrays.stream(RotatePolicy.values())
                    .map(RotatePolicy::jujuName).collect(Collectors.joining(", ")) + "; got '" + abbreviate(name) + "'");
        }
        return policy.orElse(RotatePolicy.NEVER);
    }

    private static Optional<URI> keycloakUrl(String value, List<String> problems) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            problems.add("set keycloak-url");
            return Optional.empty();
        }
        Optional<String> problem = absoluteHttpUrlProblem(trimmed);
        if (problem.isPresent()) {
            problems.add("keycloak-url " + problem.get() + ": set it to e.g. https://keycloak.example.com");
            return Optional.empty();
        }
        URI url = canonical(URI.create(trimmed.replaceAll("/+$", "")));
        if (url.getRawPath().contains("/admin") || url.getRawPath().contains("/realms")) {
            problems.add("keycloak-url must be Keycloak's base URL, without /admin or /realms/...");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private static Optional<String> issuer(String value, Optional<URI> url, String realm, List<String> problems) {
        if (value.isEmpty()) {
            // Neither a lambda nor a string concatenation: the AOT training sets issuer, so either
            // would be made at run time by every leader hook with the default issuer (README,
            // "No class made at run time").
            return url.isEmpty() ? Optional.empty()
                    : Optional.of(String.join("", url.get().toString().replaceAll("/+$", ""), "/realms/", realm));
        }
        Optional<String> problem = absoluteHttpUrlProblem(value);
        if (problem.isPresent()) {
            problems.add("issuer " + problem.get() + ": set it to the realm's issuer, e.g. "
                    + "https://keycloak.example.com/realms/" + realm + ", or leave it empty");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /**
     * The URL as Keycloak names itself in the issuers it makes from it: scheme and host in lower
     * case, no port where it is the scheme's own, no trailing slash.
     */
    private static URI canonical(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() == ("https".equals(scheme) ? 443 : 80) ? -1 : url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return URI.create(scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port) + path);
    }

    /**
     * Empty when {@code value} is an absolute http(s) URL (the scheme in any case) with a host, a
     * valid port, no query, no fragment and no user info; otherwise the reason, read after the option's name.
     */
    private static Optional<String> absoluteHttpUrlProblem(String value) {
        HttpUrl.Parsed parsed = HttpUrl.parse(value);
        if (parsed instanceof HttpUrl.Malformed malformed) {
            return Optional.of("is not a URL (" + malformed.reason() + ")");
        }
        if (parsed instanceof HttpUrl.Unfit unfit) {
            return Optional.of(switch (unfit.defect()) {
                case RELATIVE, NOT_HTTP -> "must start with https:// or http://";
                case NO_HOST, INVALID_HOST -> "has no host";
                case INVALID_PORT -> "has an invalid port";
            });
        }
        URI uri = ((HttpUrl.Valid) parsed).uri();
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        return Optional.empty();
    }

    private static String realmName(String option, String value, List<String> problems) {
        return matching(option, value.strip(), REALM, "a realm name of letters, digits, '.', '-' and '_'", problems);
    }

    private static List<String> scopes(String value, List<String> problems) {
        Scopes.Parsed parsed = Scopes.parse(value);
        if (parsed instanceof Scopes.Invalid invalid) {
            // "scopes must contain openid" names the option already; "scope x has..." does not.
            String problem = invalid.problem();
            problems.add(problem.startsWith("scopes ") ? problem : "scopes: " + problem);
            return List.of();
        }
        return ((Scopes.Valid) parsed).scopes();
    }

    private static String matching(String option, String value, Pattern pattern, String expected, List<String> problems) {
        if (!pattern.matcher(value).matches()) {
            problems.add(option + " must be " + expected + "; got '" + abbreviate(value) + "'");
        }
        return value;
    }

    private static Optional<String> caCert(String value, List<String> problems) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        HttpClients.caCertProblem(value, Instant.now()).ifPresent(p -> problems.add("ca-cert: " + p));
        return Optional.of(value);
    }

    private static String string(Map<String, Object> raw, String key) {
        Object value = raw.get(key);
        return value == null ? "" : value.toString();
    }

    /** Config values shown in a status are cut short: a status is one line. */
    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
