package dev.keycloakoidc.juju;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written {@link ProcessRunner} for {@link HookTools} tests: a table of expected argv and
 * what the tool does for it. Any argv not in the table fails the test (an {@link AssertionError}
 * out of {@code run}), so a test proves the exact argv, not just that something ran.
 *
 * <p>Every call is recorded with its stdin. For a {@code key#file=path} argument the file is read
 * while the "tool" runs, the way Juju's {@code secret-add} reads it, so a test can check what the
 * file held, its permissions, and that it is gone afterwards.
 *
 * <p>In an expected argv, {@code key#file=*} matches {@code key#file=} followed by any path.
 */
final class ScriptedProcessRunner implements ProcessRunner {

    /** One recorded call. {@code files} maps each {@code key#file=} key to what the file held. */
    record Call(List<String> argv, String stdin, Map<String, SecretFile> files) {}

    /** A {@code key#file=} argument's file as the tool saw it. */
    record SecretFile(Path path, String content, String permissions) {}

    private record Rule(List<String> pattern, ProcessResult result, String cannotStart) {}

    private final List<Rule> rules = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();

    /** Starts a table row for this exact argv; finish it with {@code prints}, {@code fails} or {@code cannotStart}. */
    Row on(String... argv) {
        return new Row(List.of(argv));
    }

    /** The calls made so far, in order. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The one call made; fails the test when there were more or none. */
    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected exactly one hook tool call, got " + calls.size() + ": " + calls);
        }
        return calls.get(0);
    }

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        calls.add(new Call(List.copyOf(argv), new String(stdin, StandardCharsets.UTF_8), readFiles(argv)));
        for (Rule rule : rules) {
            if (matches(rule.pattern(), argv)) {
                if (rule.cannotStart() != null) {
                    throw new IOException(rule.cannotStart());
                }
                return rule.result();
            }
        }
        throw new AssertionError("unscripted hook tool call: " + argv + "\nscripted: "
                + rules.stream().map(Rule::pattern).toList());
    }

    private static boolean matches(List<String> pattern, List<String> argv) {
        if (pattern.size() != argv.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = argv.get(i);
            if (expected.endsWith("#file=*")) {
                String prefix = expected.substring(0, expected.length() - 1);
                if (!actual.startsWith(prefix) || actual.length() == prefix.length()) {
                    return false;
                }
            } else if (!expected.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, SecretFile> readFiles(List<String> argv) {
        Map<String, SecretFile> files = new LinkedHashMap<>();
        for (String arg : argv) {
            int marker = arg.indexOf("#file=");
            if (marker < 0) {
                continue;
            }
            Path path = Path.of(arg.substring(marker + "#file=".length()));
            try {
                files.put(arg.substring(0, marker), new SecretFile(path,
                        Files.readString(path, StandardCharsets.UTF_8),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path))));
            } catch (IOException e) {
                throw new UncheckedIOException("the tool could not read " + path, e);
            }
        }
        return files;
    }

    /** One row of the table being written. */
    final class Row {
        private final List<String> pattern;

        private Row(List<String> pattern) {
            this.pattern = pattern;
        }

        /** The tool exits 0 having printed {@code stdout}. */
        ScriptedProcessRunner prints(String stdout) {
            rules.add(new Rule(pattern, new ProcessResult(0, stdout, ""), null));
            return ScriptedProcessRunner.this;
        }

        /** The tool exits {@code exitCode} having printed {@code stderr}, as Juju's tools do on error. */
        ScriptedProcessRunner fails(int exitCode, String stderr) {
            rules.add(new Rule(pattern, new ProcessResult(exitCode, "", stderr), null));
            return ScriptedProcessRunner.this;
        }

        /** The program cannot be started (not on PATH): {@code run} throws an IOException. */
        ScriptedProcessRunner cannotStart(String reason) {
            rules.add(new Rule(pattern, null, reason));
            return ScriptedProcessRunner.this;
        }
    }
}
