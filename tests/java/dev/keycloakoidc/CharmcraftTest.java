package dev.keycloakoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** charmcraft.yaml and dispatch against what charmcraft checks (CraftPartsIT builds the part). */
class CharmcraftTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."));

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> parts() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(ROOT.resolve("charmcraft.yaml")));
        return (Map<String, Map<String, Object>>) yaml.get("parts");
    }

    @Test
    void pack_printsNoPrimeWarning() throws IOException {
        assertFalse(Charmcraft.warnsAboutPrime(parts()), "charmcraft.yaml: " + parts().keySet());
        // The rule as charmcraft has it: the part this charm had before warned.
        assertTrue(Charmcraft.warnsAboutPrime(Map.of("charm", Map.of("plugin", "nil", "prime", List.of("dispatch")))));
        assertTrue(Charmcraft.warnsAboutPrime(Map.of("x", Map.of("plugin", "charm", "prime", List.of("dispatch")))));
        assertFalse(Charmcraft.warnsAboutPrime(Map.of("x", Map.of("plugin", "nil", "prime", List.of("dispatch")))));
    }

    @Test
    void buildPackages_bringBothJdks() throws IOException {
        for (Map<String, Object> part : parts().values()) {
            @SuppressWarnings("unchecked")
            List<String> packages = (List<String>) part.get("build-packages");
            assertTrue(packages.containsAll(List.of("openjdk-17-jdk-headless", "openjdk-25-jdk-headless", "maven", "zip", "unzip")),
                    "build-packages: " + packages);
        }
    }

    @Test
    void entrypointLinter_readsTheBundledJavaFromDispatch() throws IOException {
        assertEquals("jre/bin/java", Charmcraft.entrypointFromDispatch(Files.readString(ROOT.resolve("dispatch"))));
    }

    @Test
    void shlexSplit_asPython() {
        // Before the trailing line, the linter took "$@" from dispatch's exec line.
        assertEquals(List.of("exec", "$java", "$jvm_flags", "-cp", "lib/x.jar", "$main", "$@"),
                Charmcraft.shlexSplit("exec \"$java\" $jvm_flags -cp lib/x.jar \"$main\" \"$@\""));
        assertEquals(List.of("#", "a b", "c\"d", "e\\f", "g"), Charmcraft.shlexSplit("# 'a b' \"c\\\"d\" \"e\\f\" g"));
        assertThrows(AssertionError.class, () -> Charmcraft.shlexSplit("# charmcraft's linter"));
    }
}
