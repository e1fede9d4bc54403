package io.blindspot.deploycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the checkout lies and what it holds: the services (from the root pom's modules) and the project version. */
public final class Repo {
    /** The defaults every service shares (service-support; ordinal 100, below each application.properties). */
    public static final String SHARED_CONFIG =
            "service-support/src/main/resources/META-INF/microprofile-config.properties";

    private final Path root;

    public Repo(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** -Dblindspot.repo.root (set by this module's surefire configuration), else the first parent with a root pom. */
    public static Repo locate() {
        String configured = System.getProperty("blindspot.repo.root");
        if (configured != null && !configured.isBlank()) {
            return new Repo(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return new Repo(dir);
            }
        }
        throw new IllegalStateException("repository root not found: set -Dblindspot.repo.root");
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** Modules of the root pom named *-service, in the pom's order: ingest-service, synth-service, ... */
    public List<String> services() {
        Matcher m = Pattern.compile("<module>([^<]+-service)</module>").matcher(read("pom.xml"));
        List<String> services = new ArrayList<>();
        while (m.find()) {
            services.add(m.group(1).trim());
        }
        return services;
    }

    /** The root pom's own version (the first <version> after </parent>-less header: blindspot-parent's). */
    public String projectVersion() {
        String fromBuild = System.getProperty("blindspot.project.version");
        if (fromBuild != null && !fromBuild.isBlank()) {
            return fromBuild;
        }
        Matcher m = Pattern.compile("<artifactId>blindspot-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("no version in the root pom");
        }
        return m.group(1).trim();
    }

    /**
     * A service's configuration as its files give it: the shared defaults ({@link #SHARED_CONFIG}, when present),
     * then its application.properties, which overrides them: of two lines with one key, the later wins.
     */
    public String config(String service) {
        String shared = Files.isRegularFile(root.resolve(SHARED_CONFIG)) ? read(SHARED_CONFIG) : "";
        return shared + "\n" + read(service + "/src/main/resources/application.properties");
    }

    /** Kafka consumer groups a service's configuration declares (mp.messaging.incoming.*.group.id). */
    public java.util.Set<String> consumerGroups(String service) {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(?:%prod\\.)?(?:mp\\.messaging\\.incoming\\.[^.=]+\\.group\\.id|kafka\\.group\\.id)\\s*=\\s*(\\S+)")
                .matcher(config(service));
        while (m.find()) {
            groups.add(m.group(1));
        }
        return groups;
    }

    /**
     * quarkus.shutdown.timeout of a service in seconds ("10s", "PT10S", "10"): its application.properties' value,
     * else the shared default; -1 when neither sets one.
     */
    public int shutdownSeconds(String service) {
        Matcher m = Pattern.compile("(?m)^quarkus\\.shutdown\\.timeout\\s*=\\s*(?:PT)?(\\d+)[sS]?\\s*$")
                .matcher(config(service));
        int seconds = -1;
        while (m.find()) {
            seconds = Integer.parseInt(m.group(1));
        }
        return seconds;
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + root.resolve(relative), e);
        }
    }
}
