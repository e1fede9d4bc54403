package io.blindspot.synth;

import io.blindspot.testing.ClassFileUses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of README "Packages", checked over the compiled classes: a class file names every type it
 * uses in its constant pool (internal names such as {@code io/minio/MinioClient}), so a package that may not use
 * another must not contain that name in any of its class files (test-fixtures' {@link ClassFileUses}).
 */
class PackageDependenciesTest {
    private static final ClassFileUses CLASSES = new ClassFileUses(Path.of("target/classes/io/blindspot/synth"));
    private static final String SELF = "io/blindspot/synth/";
    /** Framework and adapter libraries the domain must not see. */
    private static final List<String> FRAMEWORKS = List.of("io/quarkus/", "jakarta/", "org/eclipse/microprofile/",
            "io/smallrye/", "io/minio/", "io/micrometer/", "org/apache/kafka/", "io/blindspot/support/");

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
                SELF + "health/", "io/minio/", "jakarta/ws/rs/", "org/eclipse/microprofile/reactive/"))).isEmpty();
    }

    @Test
    void thereAreClassesToCheck() {
        assertThat(CLASSES.classFiles("domain")).isNotEmpty();
        assertThat(CLASSES.classFiles("service")).isNotEmpty();
    }
}
