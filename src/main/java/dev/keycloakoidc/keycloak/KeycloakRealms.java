package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Realms: whether one exists, and making one fit for Dex logins. The part of the admin API that
 * {@link KeycloakAdmin#realms()} hands out. Creating a realm needs the {@code create-realm} role
 * of the admin realm.
 */
public final class KeycloakRealms {

    /** The names a realm created by the charm must not require: Dex users may have none. */
    private static final Set<String> OPTIONAL_NAMES = Set.of("firstName", "lastName");

    /**
     * The required action Keycloak (24+) enables by default that stops a login at a profile form
     * when the profile lacks a required attribute; a Dex login has no one to fill it in.
     */
    private static final String VERIFY_PROFILE = "VERIFY_PROFILE";

    /**
     * Realm attribute set to {@link #SETUP_PENDING} by the very POST that creates the realm and to
     * {@link #SETUP_DONE} once its set-up is complete: a hook killed in between leaves the marker,
     * and the next hook finishes the set-up. A realm without it was not made by the charm and is
     * left as it is.
     */
    static final String SETUP_ATTRIBUTE = "juju.keycloak-oidc.realm-setup";
    static final String SETUP_PENDING = "pending";
    static final String SETUP_DONE = "done";

    /** How long a realm another request is creating may take to appear (see {@link AdminHttp#SLOW}). */
    private static final Duration REALM_APPEARS = Duration.ofSeconds(30);

    private final AdminHttp http;

    KeycloakRealms(AdminHttp http) {
        this.http = http;
    }

    public boolean exists(String realm) {
        return http.getIfExists(http.admin("realms", realm)).isPresent();
    }

    /**
     * Creates the realm, enabled, with a user profile that does not require first and last names
     * (Dex logins must not stop at a profile form). A token is fetched again afterwards: the old
     * one lacks the new realm's roles.
     */
    public void create(String realm) {
        URI url = http.admin("realms");
        ObjectNode rep = Json.object().put("realm", realm).put("enabled", true);
        rep.putObject("attributes").put(SETUP_ATTRIBUTE, SETUP_PENDING);
        Reply reply = http.slowPost(url, rep);
        if (madeMeanwhile(reply)) {
            // Made meanwhile, most likely by a run of this charm killed while Keycloak was still
            // creating it (which takes seconds): wait for it, then finish its set-up if it is ours.
            awaitRealm(realm, () -> http.failure("POST", url, reply));
            http.forgetToken();
            finishSetup(realm);
            return;
        }
        http.expect("POST", url, reply, 201);
        // Keycloak grants the creator the new realm's admin roles, but only tokens issued from now on carry them.
        http.forgetToken();
        setUp(realm);
    }

    /**
     * Keycloak's answer to a realm POST that lost the race with another POST of the same realm:
     * 409 up to 26.5; on 26.7 mostly 400 {@code Database operation failed}, the JPA layer's word
     * for a database error it no longer recognises as a duplicate (measured on dev-mem Keycloaks
     * with the second POST 0 to 1 s after the first: 409 in all 17 races on 26.4.0 and 26.5.6, 400
     * in 23 of 26 on 26.7.3, after the loser waited 2 s for the winner's lock). Either way the
     * realm is awaited; if it never appears, the answer is the failure.
     */
    private static boolean madeMeanwhile(Reply reply) {
        return reply.status() == 409
                || (reply.status() == 400 && KeycloakErrors.from(reply.body()).equals("Database operation failed"));
    }

    private void awaitRealm(String realm, Supplier<KeycloakApiException> otherwise) {
        long deadline = System.nanoTime() + REALM_APPEARS.toNanos();
        while (!exists(realm)) {
            if (System.nanoTime() > deadline) {
                throw otherwise.get();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw otherwise.get();
            }
        }
    }

    /**
     * Completes the set-up of a realm {@link #create} began but did not finish (the process was
     * killed, or Keycloak failed a request, after the POST); does nothing to any other realm.
     * Returns whether there was set-up left to do.
     */
    public boolean finishSetup(String realm) {
        Optional<JsonNode> rep = http.getIfExists(http.admin("realms", realm));
        if (rep.isEmpty() || !SETUP_PENDING.equals(rep.get().path("attributes").path(SETUP_ATTRIBUTE).asText())) {
            return false;
        }
        setUp(realm);
        return true;
    }

    /** Idempotent, so that a set-up cut short can be run again from the start. */
    private void setUp(String realm) {
        makeNamesOptional(realm);
        disableRequiredAction(realm, VERIFY_PROFILE);
        URI url = http.admin("realms", realm);
        ObjectNode rep = (ObjectNode) http.expectJson("GET", url, http.get(url), 200);
        ObjectNode attributes = rep.path("attributes").isObject() ? (ObjectNode) rep.get("attributes")
                : rep.putObject("attributes");
        attributes.put(SETUP_ATTRIBUTE, SETUP_DONE);
        http.expect("PUT", url, http.put(url, rep), 204);
    }

    private void makeNamesOptional(String realm) {
        URI url = http.admin("realms", realm, "users", "profile");
        JsonNode profile = http.expectJson("GET", url, http.get(url), 200);
        boolean changed = false;
        for (JsonNode attribute : profile.path("attributes")) {
            if (OPTIONAL_NAMES.contains(attribute.path("name").asText()) && attribute.has("required")) {
                ((ObjectNode) attribute).remove("required");
                changed = true;
            }
        }
        if (changed) {
            http.expect("PUT", url, http.put(url, profile), 200);
        }
    }

    private void disableRequiredAction(String realm, String alias) {
        URI url = http.admin("realms", realm, "authentication", "required-actions", alias);
        Optional<JsonNode> found = http.getIfExists(url);
        if (found.isPresent() && found.get().path("enabled").asBoolean(false)) {
            ObjectNode action = (ObjectNode) found.get();
            action.put("enabled", false);
            http.expect("PUT", url, http.put(url, action), 204);
        }
    }
}
