package io.blindspot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which types a module's compiled packages use, for the dependency rule each module's README states: a class file
 * names every type it uses in its constant pool (internal names such as {@code io/minio/MinioClient}), so a package
 * that may not use another must not contain that name in any of its class files (nested classes and lambdas
 * included). Plain Java, no test framework: the tests assert on what it returns.
 */
public final class ClassFileUses {
    private final Path classes;

    /** @param classes the module's compiled root package, e.g. {@code target/classes/io/blindspot/synth} */
    public ClassFileUses(Path classes) {
        this.classes = classes;
    }

    /** "Class uses name" for every class file under {@code pkg} (recursively) that contains one of {@code names}. */
    public List<String> violations(String pkg, List<String> names) {
        List<String> found = new ArrayList<>();
        for (Path file : classFiles(pkg)) {
            String pool;
            try {
                pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String name : names) {
                if (pool.contains(name)) {
                    found.add(classes.relativize(file) + " uses " + name);
                }
            }
        }
        return found;
    }

    /** The class files under {@code pkg}, sorted; empty when the package does not exist. */
    public List<Path> classFiles(String pkg) {
        Path dir = classes.resolve(pkg);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
