package dev.keycloakoidc.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kratos' answer on a {@code kratos-external-idp} relation: its application databag, where
 * kratos-operator writes {@code providers}, a JSON list of {@code provider_id} and
 * {@code redirect_uri} (its callback for that provider), one entry for each provider it read.
 * Read as the library's provider side reads it ({@code json.loads}, then the
 * {@code RequirerProviders} model: a list of objects with both keys as strings, other keys
 * ignored), then held to the charm's own rules: the entry for the provider id the charm sent
 * gives the redirect URI to register, under the rules of every other redirect
 * ({@link RedirectUris}); entries for ids the charm did not send are named, never registered.
 */
public final class KratosAnswer {

    private KratosAnswer() {}

    /** The outcome of reading Kratos' databag for the provider id the charm sent. */
    public sealed interface Parsed permits Nothing, Registered, OnlyOthers, Invalid {}

    /**
     * No answer: the databag is empty, has no {@code providers}, or an empty list (kratos-operator
     * answers once it knows its public URL, and clears its databag when the provider goes). The
     * client stays without a redirect URI.
     */
    public record Nothing() implements Parsed {}

    /**
     * Kratos answered for the provider id the charm sent.
     *
     * @param redirectUri the callback to register on the client
     * @param otherIds    provider ids Kratos also answered for that the charm did not send, in its
     *                    order: nothing is done with them but to name them
     */
    public record Registered(String redirectUri, List<String> otherIds) implements Parsed {
        public Registered {
            otherIds = List.copyOf(otherIds);
        }
    }

    /**
     * Kratos answered only for provider ids the charm did not send (an answer meant for another
     * provider, or for an id the charm used before): the client gets no redirect URI from it.
     */
    public record OnlyOthers(List<String> otherIds) implements Parsed {
        public OnlyOthers {
            otherIds = List.copyOf(otherIds);
        }

        /** For a status: {@code Kratos answered for generic_0a1b..., not for generic_9f8e...}. */
        public String problem(String providerId) {
            return "Kratos answered for provider id " + String.join(", ", otherIds.stream().map(OAuthValues::shorten).toList())
                    + ", not for " + providerId;
        }
    }

    /** Status-ready, beginning with the key: {@code providers[0].redirect_uri is not an absolute URL}. */
    public record Invalid(String problem) implements Parsed {}

    /** Reads {@code bag}, the Kratos application's databag, for the provider the charm sent as {@code providerId}. */
    public static Parsed parse(Map<String, String> bag, String providerId) {
        String text = bag.get("providers");
        if (text == null || text.isEmpty()) {
            return new Nothing();
        }
        JsonNode providers;
        try {
            providers = Json.parseLikePython(text);
        } catch (IOException notJson) {
            return new Invalid("providers is not JSON");
        }
        if (providers.isMissingNode()) {
            return new Invalid("providers is not JSON (blank)");
        }
        if (!providers.isArray()) {
            return new Invalid("providers must be a JSON list, not " + OAuthValues.describe(providers));
        }
        Optional<String> redirectUri = Optional.empty();
        Set<String> others = new LinkedHashSet<>();
        for (int i = 0; i < providers.size(); i++) {
            JsonNode entry = providers.get(i);
            String at = "providers[" + i + "]";
            if (!entry.isObject()) {
                return new Invalid(at + " must be a JSON object, not " + OAuthValues.describe(entry));
            }
            for (String key : List.of("provider_id", "redirect_uri")) {
                JsonNode value = entry.get(key);
                if (value == null) {
                    return new Invalid(at + "." + key + " is missing");
                }
                if (!value.isTextual()) {
                    return new Invalid(at + "." + key + " must be text, not " + OAuthValues.describe(value));
                }
            }
            String id = entry.get("provider_id").textValue();
            String uri = entry.get("redirect_uri").textValue();
            if (!id.equals(providerId)) {
                others.add(id);
                continue;
            }
            Optional<String> problem = RedirectUris.problem(uri);
            if (problem.isPresent()) {
                return new Invalid(at + ".redirect_uri " + problem.get());
            }
            if (redirectUri.isPresent() && !redirectUri.get().equals(uri)) {
                return new Invalid("providers answers " + providerId + " twice, with two redirect URIs");
            }
            redirectUri = Optional.of(uri);
        }
        if (redirectUri.isPresent()) {
            return new Registered(redirectUri.get(), new ArrayList<>(others));
        }
        return others.isEmpty() ? new Nothing() : new OnlyOthers(new ArrayList<>(others));
    }
}
