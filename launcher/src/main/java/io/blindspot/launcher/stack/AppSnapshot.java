package io.blindspot.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a service's {@code target/quarkus-app} to run from. Quarkus opens its jars lazily, and a
 * rebuild of the module while the service runs deletes them; the service then blocks for ever on its next class
 * load (quarkusio/quarkus#48750). Running from a copy keeps a started stack alive across rebuilds.
 * The files are copied, not hard-linked: a build may rewrite a file in place, which a link would see.
 */
final class AppSnapshot {
    private AppSnapshot() {
    }

    /** Replaces {@code target} with a snapshot of {@code source}; returns {@code target}. */
    static Path take(Path source, Path target) throws IOException {
        deleteTree(target);
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(source)) {
            entries = walk.toList();
        }
        for (Path from : entries) {
            Path to = target.resolve(source.relativize(from).toString());
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
