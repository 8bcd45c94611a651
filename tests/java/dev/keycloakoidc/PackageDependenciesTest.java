package dev.keycloakoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main packages depend on each other one way only, as each package-info.java says: a class
 * that names a package its own may not use (in an import or a qualified name in code; comments do
 * not count) fails this test with the file and the package.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/keycloakoidc");

    /** Each package (the entry point is "") and the packages of the charm it may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("actions", "charm", "juju"),
            "actions", Set.of("charm", "juju", "keycloak", "oidc"),
            "charm", Set.of("juju", "keycloak", "oidc", "http", "json"),
            "keycloak", Set.of("http", "json"),
            "oidc", Set.of("http", "json"),
            "juju", Set.of("json"),
            "http", Set.of(),
            "json", Set.of(),
            "training", Set.of("", "juju", "http", "json"));

    private static final Pattern USE = Pattern.compile("\\bdev\\.keycloakoidc\\.(?:(\\w+)\\.)?([A-Z]\\w*|\\*)");

    @Test
    void mainPackages_useOnlyThePackagesBelowThem() throws IOException {
        Set<String> wrong = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Path dir = MAIN.relativize(source).getParent();
            String own = dir == null ? "" : dir.toString();
            Set<String> allowed = ALLOWED.get(own);
            if (allowed == null) {
                wrong.add(own + ": a new package; say in ALLOWED (and its package-info.java) what it may use");
                continue;
            }
            for (String line : Files.readAllLines(source)) {
                String code = line.strip();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//") || code.startsWith("package ")) {
                    continue;
                }
                Matcher use = USE.matcher(code);
                while (use.find()) {
                    String used = use.group(1) == null ? "" : use.group(1);
                    if (!used.equals(own) && !allowed.contains(used)) {
                        wrong.add(MAIN.relativize(source) + " uses " + (used.isEmpty() ? "the entry point" : used));
                    }
                }
            }
        }
        assertEquals(Set.of(), wrong);
    }

    @Test
    void theRule_seesAUseThatBreaksIt() {
        Matcher use = USE.matcher("import dev.keycloakoidc.actions.Actions;");
        use.find();
        assertEquals("actions", use.group(1));
        Matcher entry = USE.matcher("import dev.keycloakoidc.Main;");
        entry.find();
        assertEquals(null, entry.group(1));
    }
}
