package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad-databag corpus (issue 5, part 3): what a confused or hostile consumer may write on
 * {@code oidc-provider}, {@code dex-oidc-config} or {@code oauth}, and the exact reason the charm must give for
 * refusing it. Shared by the in-process test and the end-to-end one against a real Keycloak.
 */
public final class BadDatabags {

    /**
     * One consumer's data.
     *
     * @param appBag   the consumer's application bag
     * @param unitBag  its unit's bag (where a confused consumer might put what belongs to the app)
     * @param reason   what follows {@code consumer <app> (<relation>)} in the status
     * @param overTheWire false for strings no real Juju databag can hold (lone surrogates): Juju
     *                    hands a charm invalid UTF-8 as U+FFFD, so only the in-process test uses them
     * @param needsKeycloak true when only the realm can tell (a scope it lacks): only the end-to-end
     *                    test uses them; {@code {realm}} in {@code reason} stands for the realm's name
     */
    public record Row(String label, String endpoint, Map<String, String> appBag, Map<String, String> unitBag,
                      String reason, boolean overTheWire, boolean needsKeycloak) {

        public Row(String label, String endpoint, Map<String, String> appBag, Map<String, String> unitBag,
                   String reason, boolean overTheWire) {
            this(label, endpoint, appBag, unitBag, reason, overTheWire, false);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final String PROVIDER = "oidc-provider";
    public static final String DEX = "dex-oidc-config";
    public static final String OAUTH = "oauth";
    private static final String CB = "https://bad.example.com/dex/callback";
    /** What grafana-k8s writes on oauth; each oauth row breaks one thing of it. */
    private static final Map<String, String> GRAFANA = Map.of(
            "redirect_uri", "https://grafana.example.com/login/generic_oauth",
            "scope", "openid email offline_access",
            "grant_types", "[\"authorization_code\", \"refresh_token\"]",
            "audience", "[]",
            "token_endpoint_auth_method", "client_secret_basic");

    private BadDatabags() {}

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(provider("redirect_uri missing", Map.of(), " has not sent redirect_uri"));
        rows.add(provider("redirect_uri empty", Map.of("redirect_uri", ""), " has not sent redirect_uri"));
        rows.add(new Row("redirect_uri in the unit bag, not the app bag", PROVIDER, Map.of(),
                Map.of("redirect_uri", CB), " has not sent redirect_uri", true));
        rows.add(uri("non-URL text", "not a url", "contains whitespace or control characters"));
        rows.add(uri("no scheme", "bad.example.com/dex/callback", "is not an absolute URL"));
        rows.add(uri("relative path", "/dex/callback", "is not an absolute URL"));
        rows.add(uri("javascript:", "javascript:alert(1)", "must be http or https, not javascript"));
        rows.add(uri("data:", "data:text/html;base64,PHNjcmlwdD4=", "must be http or https, not data"));
        rows.add(uri("ftp://", "ftp://bad.example.com/dex/callback", "must be http or https, not ftp"));
        rows.add(uri("wildcard host", "https://*.example.com/dex/callback", "has a wildcard (*)"));
        rows.add(uri("wildcard path", "https://bad.example.com/*", "has a wildcard (*)"));
        rows.add(uri("fragment", CB + "#state", "has a fragment"));
        rows.add(uri("1 MB long", "https://bad.example.com/" + "a".repeat(1 << 20), "is longer than 2048 characters"));
        rows.add(uri("U+FFFD (non-UTF-8 bytes as Juju hands them over)", CB + "\uFFFD",
                "contains a non-ASCII character (U+FFFD); percent-encode it"));
        rows.add(new Row("lone surrogate", PROVIDER, Map.of("redirect_uri", CB + "\uD800"), Map.of(),
                ": redirect_uri contains a non-ASCII character (U+D800); percent-encode it", false));
        rows.add(uri("zero-width space", "https://bad.example.com/dex/\u200Bcallback",
                "contains a non-ASCII character (U+200B); percent-encode it"));
        rows.add(uri("IDN host not in punycode", "https://m\u00FCnchen.example/dex/callback",
                "contains a non-ASCII character (U+00FC); percent-encode it"));
        rows.add(uri("control character", "https://bad.example.com/dex/\u0007callback",
                "contains whitespace or control characters"));
        rows.add(uri("leading whitespace", " " + CB, "contains whitespace or control characters"));
        rows.add(uri("trailing newline", CB + "\n", "contains whitespace or control characters"));
        rows.add(uri("JSON object", "{\"a\":1}", "is not a valid URL (Illegal character in scheme name at index 0)"));
        rows.add(uri("JSON list", "[\"" + CB + "\"]", "is not a valid URL (Illegal character in scheme name at index 0)"));
        rows.add(uri("user info", "https://user:pw@bad.example.com/dex/callback", "has user info"));
        rows.add(uri("port out of range", "https://bad.example.com:99999/dex/callback", "has an invalid port"));
        rows.add(uri("no host", "https:///dex/callback", "has no host"));
        rows.add(uri("opaque http:", "http:bad.example.com/dex/callback", "has no host"));
        rows.add(uri("bad escape", "https://bad.example.com/%zz", "is not a valid URL (Malformed escape pair at index 24)"));
        rows.add(provider("scope with \"", Map.of("redirect_uri", CB, "scope", "openid \"groups\""),
                ": scope \"groups\" has a character OAuth does not allow (\")"));
        rows.add(provider("scope with non-ASCII", Map.of("redirect_uri", CB, "scope", "groupé"),
                ": scope groupé has a character OAuth does not allow (U+00E9)"));
        rows.add(provider("scope as a JSON list", Map.of("redirect_uri", CB, "scope", "[\"groups\"]"),
                ": scope [\"groups\"] has a character OAuth does not allow (\")"));
        rows.add(provider("scope with a backslash", Map.of("redirect_uri", CB, "scope", "a\\b"),
                ": scope a\\b has a character OAuth does not allow (\\)"));
        rows.add(provider("scope with a control character", Map.of("redirect_uri", CB, "scope", "openid gro\u0007ups"),
                ": scope gro?ups has a character OAuth does not allow (U+0007)"));
        rows.add(provider("scope of 100,000 characters with a quote", Map.of("redirect_uri", CB,
                "scope", "\"" + "g".repeat(100_000)), ": scope \"" + "g".repeat(36) + "... has a character OAuth does not allow (\")"));
        rows.add(realmLacks("scope the realm lacks", "openid no-such-scope",
                "no OpenID Connect client scope no-such-scope; create it in Keycloak or drop it from the consumer's scope"));
        rows.add(realmLacks("scope naming a SAML client scope", "saml_organization",
                "no OpenID Connect client scope saml_organization; create it in Keycloak or drop it from the consumer's scope"));
        rows.add(realmLacks("comma-separated scopes (one scope to OAuth)", "openid,profile",
                "no OpenID Connect client scope openid,profile; create it in Keycloak or drop it from the consumer's scope"));
        rows.add(realmLacks("1,000 scopes the realm lacks", String.join(" ",
                        java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList()),
                "no OpenID Connect client scopes s0, s1, s2 (+997 more); create them in Keycloak or drop them from "
                        + "the consumer's scope"));
        rows.add(realmLacks("a 10,000-character scope the realm lacks", "x".repeat(10_000),
                "no OpenID Connect client scope " + "x".repeat(37) + "...; create it in Keycloak or drop it from "
                        + "the consumer's scope"));
        rows.add(dex("issuer-url missing", Map.of(), " has not published issuer-url yet"));
        rows.add(dex("issuer-url empty", Map.of("issuer-url", " "), " has not published issuer-url yet"));
        rows.add(dex("issuer-url not a URL", Map.of("issuer-url", "not a url"),
                ": issuer-url contains whitespace or control characters"));
        rows.add(dex("issuer-url without scheme", Map.of("issuer-url", "dex.example.com/dex"),
                ": issuer-url is not an absolute URL"));
        rows.add(dex("issuer-url javascript:", Map.of("issuer-url", "javascript:alert(1)//"),
                ": issuer-url must be http or https, not javascript"));
        rows.add(dex("issuer-url with a query", Map.of("issuer-url", "https://dex.example.com/dex?x=1"),
                ": issuer-url has a query"));
        rows.add(dex("issuer-url with a fragment", Map.of("issuer-url", "https://dex.example.com/dex#x"),
                ": issuer-url has a fragment"));
        rows.add(dex("issuer-url with a wildcard", Map.of("issuer-url", "https://*.example.com/dex"),
                ": issuer-url has a wildcard (*)"));
        rows.add(dex("issuer-url as JSON", Map.of("issuer-url", "{\"url\":\"https://dex.example.com\"}"),
                ": issuer-url is not a valid URL (Illegal character in scheme name at index 0)"));
        rows.add(oauth("grant_types not a JSON list", "grant_types", "authorization_code",
                ": grant_types must be a JSON list, not text (authorization_code)"));
        rows.add(oauth("unknown grant type", "grant_types", "[\"implicit\"]", ": grant_types has implicit, not one of "
                + "authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code"));
        rows.add(oauth("no grant that issues tokens", "grant_types", "[\"refresh_token\"]",
                ": grant_types asks for no grant that issues tokens (authorization_code, client_credentials, "
                        + "urn:ietf:params:oauth:grant-type:device_code)"));
        rows.add(oauth("authorization_code without redirect_uri", "redirect_uri", null,
                ": redirect_uri is missing, and grant_types has authorization_code"));
        rows.add(oauth("redirect_uri refused", "redirect_uri", "https://grafana.example.com/cb#x", ": redirect_uri has a fragment"));
        rows.add(oauth("audience not a list of strings", "audience", "[\"kafka\", 7]",
                ": audience must be a JSON list of strings, not a JSON list ([\"kafka\",7])"));
        rows.add(oauth("scope that reads as a JSON boolean", "scope", "true", ": scope must be text, not a JSON boolean (true)"));
        rows.add(oauth("scope with a bad character", "scope", "openid groupé",
                ": scope groupé has a character OAuth does not allow (U+00E9)"));
        rows.add(oauth("token_endpoint_auth_method unknown", "token_endpoint_auth_method", "none",
                ": token_endpoint_auth_method must be client_secret_basic or client_secret_post, not text (none)"));
        Map<String, String> lacking = new HashMap<>(GRAFANA);
        lacking.put("scope", "openid email no-such-scope");
        rows.add(realmLacks("oauth scope the realm lacks", OAUTH, lacking,
                "no OpenID Connect client scope no-such-scope; create it in Keycloak or drop it from the consumer's scope"));
        return List.copyOf(rows);
    }

    /** An oauth requirer writing what grafana-k8s writes, but {@code key} set to {@code value} (absent when null). */
    private static Row oauth(String label, String key, String value, String reason) {
        Map<String, String> bag = new HashMap<>(GRAFANA);
        if (value == null) {
            bag.remove(key);
        } else {
            bag.put(key, value);
        }
        return new Row("oauth " + label, OAUTH, Map.copyOf(bag), Map.of(), reason, true);
    }

    private static Row uri(String label, String redirectUri, String reason) {
        return provider("redirect_uri " + label, Map.of("redirect_uri", redirectUri), ": redirect_uri " + reason);
    }

    private static Row provider(String label, Map<String, String> appBag, String reason) {
        return new Row(label, PROVIDER, appBag, Map.of(), reason, true);
    }

    /** A well-formed scope the realm lacks: only Keycloak can tell. */
    private static Row realmLacks(String label, String scope, String problem) {
        return realmLacks(label, PROVIDER, Map.of("redirect_uri", CB, "scope", scope), problem);
    }

    private static Row realmLacks(String label, String endpoint, Map<String, String> appBag, String problem) {
        return new Row(label, endpoint, Map.copyOf(appBag), Map.of(), ": realm {realm} has " + problem, true, true);
    }

    private static Row dex(String label, Map<String, String> appBag, String reason) {
        return new Row(label, DEX, appBag, Map.of(), reason, true);
    }
}
