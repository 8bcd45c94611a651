package dev.keycloakoidc.juju;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secret values on their way to {@code secret-add} / {@code secret-set}: one temporary file per
 * value, passed as {@code key#file=path}, so a value never shows in argv (which any user on the
 * machine can read in {@code /proc}). Used in try-with-resources around the one tool call; closing
 * deletes every file.
 */
final class SecretFiles implements AutoCloseable {

    /** Owner read/write only, set when the file is created, so no one else can open it in between. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final List<Path> files = new ArrayList<>();

    /**
     * Writes each value to its own 0600 file and returns the {@code key#file=path} arguments, in the
     * content's iteration order. On failure the files written so far are deleted by {@link #close}.
     */
    List<String> arguments(Map<String, String> content) {
        List<String> args = new ArrayList<>(content.size());
        for (Map.Entry<String, String> entry : content.entrySet()) {
            try {
                Path file = Files.createTempFile("juju-secret-", ".value", OWNER_ONLY);
                files.add(file);
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                args.add(entry.getKey() + "#file=" + file);
            } catch (IOException e) {
                // The message names the key, never the value.
                throw new UncheckedIOException("cannot write secret key " + entry.getKey() + " to a temporary file", e);
            }
        }
        return args;
    }

    /** Deletes every file; a file that cannot be deleted is an error, since it holds a secret. */
    @Override
    public void close() {
        UncheckedIOException failure = null;
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                if (failure == null) {
                    failure = new UncheckedIOException("cannot delete secret temporary file " + file, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        files.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
