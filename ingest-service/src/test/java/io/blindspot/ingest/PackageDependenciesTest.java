package io.blindspot.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of README "Packages", checked over the compiled classes: a class file names every type it
 * uses in its constant pool (internal names such as {@code jakarta/ws/rs/Path}), so a package that may not use
 * another must not contain that name in any of its class files (nested classes and lambdas included). Same shape
 * as the other services' PackageDependenciesTest.
 */
class PackageDependenciesTest {
    private static final Path CLASSES = Path.of("target/classes/io/blindspot/ingest");
    private static final String SELF = "io/blindspot/ingest/";
    /** Framework and adapter libraries the domain must not see (Jackson and SnakeYAML it may: it reads specs). */
    private static final List<String> FRAMEWORKS = List.of("io/quarkus/", "jakarta/", "org/eclipse/microprofile/",
            "io/smallrye/", "io/vertx/", "org/jboss/", "io/micrometer/", "org/apache/kafka/", "io/minio/",
            "io/blindspot/support/");

    @Test
    void theDomainUsesNoFrameworkAndNoOuterPackage() {
        List<String> forbidden = new ArrayList<>(FRAMEWORKS);
        for (String outer : List.of("service", "store", "messaging", "rest", "config", "health")) {
            forbidden.add(SELF + outer + "/");
        }
        assertThat(violations("domain", forbidden)).isEmpty();
    }

    @Test
    void theServiceLayerUsesNoAdapter() {
        assertThat(violations("service", List.of(SELF + "store/", SELF + "messaging/", SELF + "rest/",
                SELF + "health/", "jakarta/ws/rs/", "org/eclipse/microprofile/reactive/", "io/vertx/",
                "org/apache/kafka/"))).isEmpty();
    }

    @Test
    void adaptersReachEachOtherOnlyThroughTheServiceLayer() {
        assertThat(violations("rest", List.of(SELF + "store/", SELF + "messaging/", SELF + "health/"))).isEmpty();
        // messaging and store implement domain ports and need nothing of the service layer
        assertThat(violations("messaging", List.of(SELF + "service/", SELF + "store/", SELF + "rest/",
                SELF + "health/"))).isEmpty();
        assertThat(violations("store", List.of(SELF + "service/", SELF + "messaging/", SELF + "rest/",
                SELF + "health/"))).isEmpty();
        assertThat(violations("health", List.of(SELF + "rest/", SELF + "messaging/", SELF + "service/",
                SELF + "store/", SELF + "domain/"))).isEmpty();
        assertThat(violations("config", List.of(SELF + "rest/", SELF + "messaging/", SELF + "service/",
                SELF + "store/", SELF + "domain/", SELF + "health/"))).isEmpty();
    }

    @Test
    void thereAreClassesToCheck() {
        for (String pkg : List.of("domain", "service", "store", "rest", "messaging", "config", "health")) {
            assertThat(classFiles(pkg)).as(pkg).isNotEmpty();
        }
    }

    /** "Class uses name" for every class file under {@code pkg} that contains one of {@code names}. */
    private static List<String> violations(String pkg, List<String> names) {
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
                    found.add(CLASSES.relativize(file) + " uses " + name);
                }
            }
        }
        return found;
    }

    private static List<Path> classFiles(String pkg) {
        Path dir = CLASSES.resolve(pkg);
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
