package dev.keycloakoidc.oidc;

import dev.keycloakoidc.http.HttpUrl;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about a Dex's own issuer URL, as stock dex-auth publishes it on {@code dex-oidc-config}
 * ({@code issuer-url}).
 */
public final class DexIssuers {

    private DexIssuers() {}

    /**
     * The redirect URI to register for that Dex: Dex serves its callback at its issuer's path plus
     * {@code /callback} (it joins the paths, so a trailing slash on the issuer adds none).
     */
    public static String callbackUrl(String issuerUrl) {
        String base = issuerUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/callback";
    }

    /**
     * A warning when browsers could not follow a login to that Dex: its host is a Kubernetes
     * service name ({@code dex-auth.kubeflow.svc}, {@code ...svc.cluster.local}, or a bare
     * {@code dex-auth}) that resolves only inside the cluster. Keycloak would redirect the browser
     * to the callback on that host and the login would end in a DNS error. Empty when the host
     * looks public, or is {@code localhost} or an IP address (port-forwards and tests).
     */
    public static Optional<String> warning(String issuerUrl) {
        Optional<String> parsedHost = host(issuerUrl);
        if (parsedHost.isEmpty()) {
            return Optional.of("Dex issuer-url is not an http or https URL: " + issuerUrl);
        }
        String host = parsedHost.get().toLowerCase(Locale.ROOT);
        boolean ipOrLocal = host.equals("localhost") || host.contains(":") || host.matches("[0-9.]+");
        boolean internal = host.endsWith(".svc") || host.endsWith(".svc.cluster.local") || host.endsWith(".cluster.local")
                || (!host.contains(".") && !ipOrLocal);
        return internal ? Optional.of("browsers cannot reach " + host + " (Dex issuer-url is cluster-internal)")
                : Optional.empty();
    }

    /** The host of an absolute http(s) URL (an IPv6 one without its brackets), or empty. */
    private static Optional<String> host(String url) {
        return Optional.ofNullable(url)
                .flatMap(u -> HttpUrl.valid(u.strip()))
                .map(u -> u.getHost().replaceAll("^\\[|]$", ""));
    }
}
