package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The relation interfaces documented in {@code docs/interfaces/}, each with the JSON schemas of
 * its two databags, and the check of a databag against them made the way that interface's readers
 * decode it. The schemas are the repository's own documentation: a test that passes here holds
 * the charm to what the READMEs promise.
 *
 * <p>An empty databag is "nothing written yet" and is not checked, as the readers do not check it
 * either (the {@code oauth} library returns early on an empty bag).
 */
public enum InterfaceSchemas {

    /**
     * keycloak-oidc's own interface: values are the strings Juju stores; a key whose schema names
     * {@code contentMediaType: application/json} holds JSON text, checked against its
     * {@code contentSchema}.
     */
    OIDC_PROVIDER("oidc-provider", "oidc-provider", null, text -> Optional.of(TextNode.valueOf(text))),

    /**
     * Canonical's {@code oauth} v0: every value goes through Python's {@code json.loads} first,
     * keeping the text where that fails, as the {@code charms.hydra.v0.oauth} library reads it.
     */
    OAUTH("oauth", "oauth", null, text -> Optional.of(PythonJson.loadsOrText(text))),

    /**
     * Canonical's {@code external_provider} interface, on the endpoint {@code kratos-external-idp}
     * (library {@code charms.kratos_external_idp_integrator.v1.kratos_external_provider}): each side
     * writes one key, {@code providers}, JSON text the other side parses; values stay the strings
     * Juju stores, and {@code providers} is checked against its {@code contentSchema}.
     */
    KRATOS_EXTERNAL_IDP("kratos-external-idp", "kratos-external-idp", null, text -> Optional.of(TextNode.valueOf(text))),

    /**
     * Canonical's {@code certificate_transfer}, v1 and v0, which the charm provides on
     * {@code send-ca-cert} and requires on {@code receive-ca-cert}: every value goes through
     * Python's {@code json.loads}, and a value where that fails makes the library
     * ({@code charms.certificate_transfer_interface.v1}) refuse the whole bag. (The library
     * decodes only the keys it knows; this decodes every key, as the charm writes no others.)
     */
    CERTIFICATE_TRANSFER("certificate_transfer", "send-ca-cert", "receive-ca-cert", PythonJson::loads);

    /** Which side of the relation wrote the databag, and which bag. */
    public enum Side {
        /** The provider's application bag. */
        PROVIDER("provider.json"),
        /** The requirer's application bag. */
        REQUIRER("requirer.json"),
        /** A provider unit's own bag, where an interface has one ({@code certificate_transfer} v0). */
        PROVIDER_UNIT_V0("provider-unit-v0.json");

        private final String file;

        Side(String file) {
            this.file = file;
        }

        String file() {
            return file;
        }
    }

    private static final Path DOCS = Path.of(System.getProperty("basedir", "."), "docs", "interfaces").toAbsolutePath();
    /** One JSON document (RFC 8259), JSON whitespace around it allowed, nothing after it. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /**
     * The folder in {@code docs/interfaces/}: the interface's name, except for
     * {@code kratos-external-idp}, the endpoint that speaks {@code external_provider}.
     */
    private final String name;
    /** The charm's endpoint that provides it. */
    private final String providerEndpoint;
    /** The charm's endpoint that requires it, if any. */
    private final String requirerEndpoint;
    /** A value as the interface's readers decode it; empty where they refuse it as not JSON. */
    private final Function<String, Optional<JsonNode>> decodeValue;

    InterfaceSchemas(String name, String providerEndpoint, String requirerEndpoint,
                     Function<String, Optional<JsonNode>> decodeValue) {
        this.name = name;
        this.providerEndpoint = providerEndpoint;
        this.requirerEndpoint = requirerEndpoint;
        this.decodeValue = decodeValue;
    }

    /** The schema file, e.g. {@code docs/interfaces/oauth/schemas/requirer.json}. */
    public Path schemaFile(Side side) {
        return DOCS.resolve(name).resolve("schemas").resolve(side.file());
    }

    /**
     * The databag as its readers see it once decoded: a JSON object of the decoded values, without
     * the values they refuse as not JSON ({@link #problems} names those).
     */
    public ObjectNode decode(Map<String, String> databag) {
        ObjectNode decoded = JsonNodeFactory.instance.objectNode();
        databag.forEach((key, value) -> decodeValue.apply(value).ifPresent(v -> decoded.set(key, v)));
        return decoded;
    }

    /**
     * What is wrong with {@code databag}, one line per problem, each naming the key
     * ({@code /client_id: integer found, string expected}); empty when it holds to the schema or
     * is empty.
     */
    public List<String> problems(Side side, Map<String, String> databag) {
        if (databag.isEmpty()) {
            return List.of();
        }
        String iri = schemaFile(side).toUri().toString();
        Schema schema = Registry.SCHEMAS.getSchema(SchemaLocation.of(iri));
        List<String> problems = new ArrayList<>();
        databag.forEach((key, value) -> {
            if (decodeValue.apply(value).isEmpty()) {
                problems.add("/" + key + ": is not JSON, and the library's json.loads refuses the databag");
            }
        });
        schema.validate(decode(databag)).forEach(e -> problems.add(e.getInstanceLocation() + ": " + e.getMessage()));
        schema.getSchemaNode().path("properties").properties().forEach(property -> {
            String key = property.getKey();
            boolean jsonText = "application/json".equals(property.getValue().path("contentMediaType").asText());
            if (jsonText && property.getValue().has("contentSchema") && databag.containsKey(key)) {
                problems.addAll(contentProblems(iri, key, databag.get(key)));
            }
        });
        return problems;
    }

    /**
     * Fails with a message a person can act on: which interface and side, where the databag was
     * seen ({@code where}, e.g. the relation and the hook), each problem, and the databag as
     * decoded (long values cut; relation data holds no secret by design).
     */
    public void assertValid(Side side, Map<String, String> databag, String where) {
        List<String> problems = problems(side, databag);
        if (!problems.isEmpty()) {
            throw new AssertionError(name + " " + side.name().toLowerCase(Locale.ROOT) + " databag " + where
                    + " breaks " + DOCS.getParent().getParent().relativize(schemaFile(side)) + ":\n  "
                    + String.join("\n  ", problems) + "\n  decoded as: " + shortened(decode(databag)));
        }
    }

    /**
     * Holds every databag the charm commits on an interface documented here to its schema, after
     * each hook that exits 0: the application bag of each relation of the interface's provider
     * endpoint, each unit's bag there where the interface has a schema for it
     * ({@code certificate_transfer} v0), and the application bag of each relation of its requirer
     * endpoint. A hook that publishes a bag no other charm could read then fails the test that
     * ran it.
     */
    public static void checkEveryCommittedProviderBag(FakeJuju juju) {
        juju.afterEachCommit(run -> {
            String after = " after " + run.event().name() + " on " + run.event().unit();
            for (InterfaceSchemas schemas : values()) {
                for (String relation : juju.relationIds(schemas.providerEndpoint)) {
                    schemas.assertValid(Side.PROVIDER, juju.localAppData(relation), "on " + relation + after);
                    if (Files.exists(schemas.schemaFile(Side.PROVIDER_UNIT_V0))) {
                        for (String unit : juju.units()) {
                            schemas.assertValid(Side.PROVIDER_UNIT_V0, juju.localUnitData(relation, unit),
                                    "of " + unit + " on " + relation + after);
                        }
                    }
                }
                if (schemas.requirerEndpoint != null) {
                    for (String relation : juju.relationIds(schemas.requirerEndpoint)) {
                        schemas.assertValid(Side.REQUIRER, juju.localAppData(relation), "on " + relation + after);
                    }
                }
            }
        });
    }

    /** A JSON-text value: it must parse as one JSON document and hold to the property's contentSchema. */
    private static List<String> contentProblems(String iri, String key, String text) {
        JsonNode content;
        try {
            content = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of("/" + key + ": is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (content == null || content.isMissingNode()) {
            return List.of("/" + key + ": is not JSON (empty)");
        }
        Schema contentSchema = Registry.SCHEMAS.getSchema(SchemaLocation.of(iri + "#/properties/" + key + "/contentSchema"));
        return contentSchema.validate(content).stream()
                .map(e -> "/" + key + " (JSON text) " + e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    private static String shortened(ObjectNode decoded) {
        ObjectNode shown = decoded.deepCopy();
        decoded.properties().forEach(p -> {
            if (p.getValue().isTextual() && p.getValue().asText().length() > 200) {
                shown.put(p.getKey(), p.getValue().asText().substring(0, 200) + "...");
            }
        });
        return shown.toString();
    }

    /**
     * One registry for every schema, reading the files from {@code docs/interfaces/} only: a
     * {@code $ref} or {@code $schema} elsewhere is resolved from the validator's own copies of the
     * meta-schemas, never fetched.
     */
    private static final class Registry {
        static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Registry::read));

        private static String read(String iri) {
            if (!iri.startsWith(DOCS.toUri().toString())) {
                return null;
            }
            try {
                return Files.readString(Path.of(java.net.URI.create(iri)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the interface schema " + iri, e);
            }
        }
    }
}
