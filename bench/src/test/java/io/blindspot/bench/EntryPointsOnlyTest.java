package io.blindspot.bench;

import io.blindspot.testing.ClassFileUses;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench reaches the services only through their public entry points, so that a move inside a service does not
 * break it: over bench's compiled classes (main and test), every Blindspot type named in a class file's constant
 * pool must be bench's own, a contracts type (or test-fixtures' in tests), a class named {@code *Kernels} in a service's top package (with its
 * nested types), or one of the launcher classes that run the embedded stack and its REST client.
 */
class EntryPointsOnlyTest {
    /** Every internal name of a Blindspot type: io/blindspot/PACKAGE/rest. */
    private static final Pattern BLINDSPOT = Pattern.compile("io/blindspot/([a-z]+)/([A-Za-z0-9_/$]+)");
    /** A service's entry point: a class named *Kernels directly in the service's top package, or a nested type. */
    private static final Pattern KERNELS = Pattern.compile("[A-Z][A-Za-z0-9]*Kernels(\\$[A-Za-z0-9_$]+)?");
    /**
     * The launcher classes bench runs the end-to-end part with (nested types included); ApiException is the
     * client's refusal, which the metric lines read to print "not available" for a field a build lacks.
     */
    private static final List<String> LAUNCHER = List.of("cli/BlindspotClient", "cli/ApiException",
            "stack/EmbeddedStack");

    /** Null when bench may use the type {@code io/blindspot/<pkg>/<rest>}, else why not. */
    static String violation(String pkg, String rest) {
        return switch (pkg) {
            case "bench", "contracts", "testing" -> null; // testing: test-fixtures, in bench's tests
            case "launcher" -> LAUNCHER.stream().anyMatch(c -> rest.equals(c) || rest.startsWith(c + "$")) ? null
                    : "a launcher class other than " + LAUNCHER;
            default -> KERNELS.matcher(rest).matches() ? null
                    : "not the service's entry point (io.blindspot." + pkg + ".*Kernels)";
        };
    }

    /** "Class uses type: why not" for every Blindspot type the class files under root name and may not use. */
    static List<String> violations(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : new ClassFileUses(root).classFiles("")) {
            String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            Matcher m = BLINDSPOT.matcher(pool);
            TreeSet<String> seen = new TreeSet<>();
            while (m.find()) {
                String why = violation(m.group(1), m.group(2));
                if (why != null && seen.add(m.group())) {
                    found.add(root.relativize(file) + " uses " + m.group().replace('/', '.') + ": " + why);
                }
            }
        }
        return found;
    }

    @Test
    void benchUsesNoServiceClassButItsEntryPoint() throws IOException {
        Path main = Path.of("target/classes");
        Path test = Path.of("target/test-classes");
        assertThat(new ClassFileUses(main).classFiles("io/blindspot/bench")).as("bench's classes are compiled")
                .isNotEmpty();
        List<String> violations = new ArrayList<>(violations(main));
        violations.addAll(violations(test));
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuleTellsEntryPointsFromInternals() {
        assertThat(violation("scoring", "ScoringKernels")).isNull();
        assertThat(violation("scoring", "ScoringKernels$SharedNegatives")).isNull();
        assertThat(violation("scoring", "MetricKernels")).isNull();
        assertThat(violation("ingest", "IngestKernels$NormalisedVolume")).isNull();
        assertThat(violation("contracts", "events/Modes")).isNull();
        assertThat(violation("testing", "ClassFileUses")).isNull();
        assertThat(violation("launcher", "stack/EmbeddedStack$Options")).isNull();
        assertThat(violation("scoring", "domain/AveragePrecision")).contains("entry point");
        assertThat(violation("scoring", "domain/ScoringKernels")).contains("entry point");
        assertThat(violation("inference", "domain/onnx/OnnxModel")).contains("entry point");
        assertThat(violation("synth", "SynthKernelsHelper")).contains("entry point");
        assertThat(violation("support", "retry/Backoff")).contains("entry point");
        assertThat(violation("launcher", "cli/Cli")).contains("launcher class");
    }

    @Test
    void aClassFileNamingAnInternalClassIsReported() throws IOException {
        Path dir = Files.createTempDirectory("entry-points");
        try {
            // the name built at run time, so that this test's own class file does not hold it
            String internal = String.join("/", "Lio", "blindspot", "scoring", "domain", "AveragePrecision;");
            Files.write(dir.resolve("Fake.class"), ("\u0001" + internal + "\u0001Lio/blindspot/scoring/"
                    + "ScoringKernels;").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(violations(dir)).containsExactly(
                    "Fake.class uses io.blindspot.scoring.domain.AveragePrecision: not the service's entry point "
                            + "(io.blindspot.scoring.*Kernels)");
        } finally {
            Files.deleteIfExists(dir.resolve("Fake.class"));
            Files.delete(dir);
        }
    }
}
