package io.blindspot.scoring.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of the README's "Packages", checked over the main sources: every reference of one scoring
 * package to another (an import or a fully qualified name) must be allowed below. rest and messaging call the
 * service layer; service uses domain, whose ports (domain.port) repository (JDBC) and store (S3) implement; domain
 * uses only itself (and contracts, plain Java). The CDI container wires the adapters to the ports. Classes in
 * the top package itself ({@code ScoringKernels}, the entry point bench uses) delegate to domain only.
 */
class DependencyRuleTest {
    private static final Path ROOT = Path.of("src/main/java/io/blindspot/scoring");
    private static final Pattern REFERENCE = Pattern.compile("io\\.blindspot\\.scoring\\.([a-z]+)\\.");
    private static final Pattern FRAMEWORK = Pattern.compile(
            "import (jakarta\\.|io\\.quarkus\\.|io\\.smallrye\\.|org\\.eclipse\\.microprofile\\.|io\\.minio\\.|"
                    + "org\\.apache\\.kafka\\.|javax\\.sql\\.|java\\.sql\\.|io\\.micrometer\\.)");

    /** The "package" of the classes directly in io.blindspot.scoring. */
    static final String TOP = "(top)";

    /** Which scoring packages each package may use (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            TOP, Set.of("domain"),
            "domain", Set.of(),
            "service", Set.of("domain", "config"),
            "rest", Set.of("service", "domain", "plot"),
            "messaging", Set.of("service", "domain"),
            "repository", Set.of("domain"),
            "store", Set.of("domain"),
            "plot", Set.of("domain"),
            "health", Set.of(),
            "config", Set.of());

    @Test
    void everyPackageUsesOnlyWhatTheRuleAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = ROOT.relativize(file);
                String pkg = relative.getNameCount() == 1 ? TOP : relative.getName(0).toString();
                packages.add(pkg);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !ALLOWED.getOrDefault(pkg, Set.of()).contains(used)) {
                        violations.add(ROOT.relativize(file) + " uses " + used);
                    }
                }
            }
        }
        assertThat(ALLOWED.keySet()).as("every package has a rule").containsAll(packages);
        assertThat(violations).isEmpty();
    }

    @Test
    void theDomainIsFrameworkFree() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("domain"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = FRAMEWORK.matcher(Files.readString(file));
                while (m.find()) {
                    violations.add(ROOT.relativize(file) + ": " + m.group());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The HTML pages' templates (Qute, src/main/resources/templates) are rest's: no other package uses Qute. */
    @Test
    void onlyRestUsesTheTemplates() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> users = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("io.quarkus.qute.")) {
                    users.add(ROOT.relativize(file).toString());
                    if (!ROOT.relativize(file).getName(0).toString().equals("rest")) {
                        violations.add(ROOT.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(users).as("the templates are declared in rest").contains("rest/Pages.java");
        assertThat(violations).isEmpty();
    }
}
