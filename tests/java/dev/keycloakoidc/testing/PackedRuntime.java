package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime a charm folder carries ({@code jre/}, linked by {@code tools/pack-charm}) and the
 * AOT caches made for it. A release charm has JDK 25's runtime and both caches; pack-charm falls
 * back to the JDK that runs Maven when it finds no JDK 25, and such a charm works but starts every
 * hook without its caches. The end-to-end tests check the release's charm, so they refuse that one
 * with what to install rather than test something else.
 */
public final class PackedRuntime {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)[^\"]*\"");

    private PackedRuntime() {}

    /** The runtime's feature release (17, 25, ...), from {@code jre/release}. */
    public static int feature(Path charmDir) {
        Path release = charmDir.resolve("jre/release");
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            if (!version.find()) {
                fail("no JAVA_VERSION in " + release);
            }
            return Integer.parseInt(version.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + release, e);
        }
    }

    /** Fails, saying what to install, unless the charm carries a JDK 25+ runtime and both AOT caches. */
    public static void assertAotCaches(Path charmDir) {
        int feature = feature(charmDir);
        assertTrue(feature >= 25, () -> "the charm's runtime (" + charmDir.resolve("jre") + ") is JDK " + feature
                + ", which has no AOT cache: install a JDK 25 (Eclipse Temurin 25) in /usr/lib/jvm, or set"
                + " CHARM_RUNTIME_JDK to one, and build again (README, Build)");
        for (String cache : new String[] {"lib/app.aot", "lib/standby.aot"}) {
            assertTrue(Files.isRegularFile(charmDir.resolve(cache)), () -> cache + " is missing from " + charmDir
                    + " although its runtime is JDK " + feature + ": tools/pack-charm's AOT training did not run");
        }
    }
}
