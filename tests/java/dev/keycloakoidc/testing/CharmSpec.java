package dev.keycloakoidc.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The charm's own declarations ({@code metadata.yaml}, {@code config.yaml}, {@code actions.yaml}),
 * which the fake checks every test model against, as Scenario does: a test cannot relate an
 * endpoint, set an option or run an action the charm does not declare.
 */
public record CharmSpec(String name, Map<String, Endpoint> endpoints, Map<String, ConfigOption> options,
                        Map<String, ActionSpec> actions) {

    /** One relation endpoint; {@code role} is {@code provides}, {@code requires} or {@code peers}. */
    public record Endpoint(String name, String role, String interfaceName) {}

    /** One config option; {@code type} is string, int, float, boolean or secret. */
    public record ConfigOption(String name, String type, Optional<Object> defaultValue) {}

    /** One action and its parameter schema (a JSON-schema object, as Juju reads it). */
    public record ActionSpec(String name, Map<String, Object> schema) {}

    /** Reads the three yaml files of a charm folder or repository root. */
    public static CharmSpec load(Path dir) {
        Map<String, Object> meta = yaml(dir.resolve("metadata.yaml"));
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String role : new String[] {"provides", "requires", "peers"}) {
            for (Map.Entry<String, Object> e : map(meta.get(role)).entrySet()) {
                endpoints.put(e.getKey(), new Endpoint(e.getKey(), role, String.valueOf(map(e.getValue()).get("interface"))));
            }
        }
        Map<String, ConfigOption> options = new LinkedHashMap<>();
        Path config = dir.resolve("config.yaml");
        if (Files.exists(config)) {
            for (Map.Entry<String, Object> e : map(yaml(config).get("options")).entrySet()) {
                Map<String, Object> o = map(e.getValue());
                String type = String.valueOf(o.getOrDefault("type", "string"));
                options.put(e.getKey(), new ConfigOption(e.getKey(), type, Optional.ofNullable(o.get("default"))));
            }
        }
        Map<String, ActionSpec> actions = new LinkedHashMap<>();
        Path actionsFile = dir.resolve("actions.yaml");
        if (Files.exists(actionsFile)) {
            for (Map.Entry<String, Object> e : yaml(actionsFile).entrySet()) {
                actions.put(e.getKey(), new ActionSpec(e.getKey(), map(e.getValue())));
            }
        }
        return new CharmSpec(String.valueOf(meta.get("name")), endpoints, options, actions);
    }

    private static Map<String, Object> yaml(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Map<String, Object> m = new Yaml().load(r);
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }
}
