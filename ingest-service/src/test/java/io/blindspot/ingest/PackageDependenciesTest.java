package io.blindspot.ingest;

import io.blindspot.testing.ClassFileUses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of README "Packages", checked over the compiled classes: a class file names every type it
 * uses in its constant pool (internal names such as {@code jakarta/ws/rs/Path}), so a package that may not use
 * another must not contain that name in any of its class files (test-fixtures' {@link ClassFileUses}). Same shape
 * as the other services' PackageDependenciesTest.
 */
class PackageDependenciesTest {
    private static final ClassFileUses CLASSES = new ClassFileUses(Path.of("target/classes/io/blindspot/ingest"));
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
        assertThat(CLASSES.violations("domain", forbidden)).isEmpty();
    }

    @Test
    void theServiceLayerUsesNoAdapter() {
        assertThat(CLASSES.violations("service", List.of(SELF + "store/", SELF + "messaging/", SELF + "rest/",
                SELF + "health/", "jakarta/ws/rs/", "org/eclipse/microprofile/reactive/", "io/vertx/",
                "org/apache/kafka/"))).isEmpty();
    }

    @Test
    void adaptersReachEachOtherOnlyThroughTheServiceLayer() {
        assertThat(CLASSES.violations("rest", List.of(SELF + "store/", SELF + "messaging/", SELF + "health/"))).isEmpty();
        // messaging and store implement domain ports and need nothing of the service layer
        assertThat(CLASSES.violations("messaging", List.of(SELF + "service/", SELF + "store/", SELF + "rest/",
                SELF + "health/"))).isEmpty();
        assertThat(CLASSES.violations("store", List.of(SELF + "service/", SELF + "messaging/", SELF + "rest/",
                SELF + "health/"))).isEmpty();
        assertThat(CLASSES.violations("health", List.of(SELF + "rest/", SELF + "messaging/", SELF + "service/",
                SELF + "store/", SELF + "domain/"))).isEmpty();
        assertThat(CLASSES.violations("config", List.of(SELF + "rest/", SELF + "messaging/", SELF + "service/",
                SELF + "store/", SELF + "domain/", SELF + "health/"))).isEmpty();
    }

    @Test
    void thereAreClassesToCheck() {
        for (String pkg : List.of("domain", "service", "store", "rest", "messaging", "config", "health")) {
            assertThat(CLASSES.classFiles(pkg)).as(pkg).isNotEmpty();
        }
    }
}
