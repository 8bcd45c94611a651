package dev.keycloakoidc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the files a hook-tool argv names ({@code key#file=PATH}, {@code --file PATH}), as the
 * tool itself would on the unit: the fake model lives in another process (or has no file system
 * of its own), so the caller ships their contents with the call. A file that cannot be read is
 * left out and the tool reports it.
 */
final class ToolFiles {

    private ToolFiles() {}

    static Map<String, byte[]> read(List<String> argv) {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            String path = null;
            int hash = arg.indexOf("#file=");
            if (hash > 0 && arg.indexOf('=') > hash) {
                path = arg.substring(hash + "#file=".length());
            } else if (arg.startsWith("--file=")) {
                path = arg.substring("--file=".length());
            } else if (arg.equals("--file") && i + 1 < argv.size()) {
                path = argv.get(i + 1);
            }
            if (path != null && !path.equals("-")) {
                try {
                    files.put(path, Files.readAllBytes(Path.of(path)));
                } catch (IOException | RuntimeException e) {
                    // The tool answers "open PATH: no such file or directory".
                }
            }
        }
        return files;
    }
}
