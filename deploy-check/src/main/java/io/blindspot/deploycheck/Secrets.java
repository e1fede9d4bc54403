package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * No credential is committed: every Secret an overlay renders comes from a secretGenerator reading files that git
 * ignores and does not track (or from an ExternalSecret, which renders no Secret at all); no Secret manifest and no
 * generator literal carries a value; no ConfigMap key or plain env value looks like a credential.
 */
public final class Secrets {

    /** Names of keys that hold credentials (not MP_JWT_VERIFY_PUBLICKEY_LOCATION: a public key's location). */
    static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|secret|access[-_]?key|token|credential).*");

    private Secrets() {
    }

    /**
     * @param repo  the git checkout the files belong to
     * @param dir   the overlay's folder (the kustomization the walk starts from)
     */
    public static List<String> violations(Path repo, Path dir, Rendered rendered) {
        List<String> v = new ArrayList<>();
        walk(repo.toAbsolutePath().normalize(), dir.toAbsolutePath().normalize(), new HashSet<>(), v);
        for (Manifest cm : rendered.ofKind("ConfigMap").toList()) {
            cm.at("/data").properties().forEach(e -> {
                if (CREDENTIAL.matcher(e.getKey()).matches() && !e.getValue().asText().isBlank()) {
                    v.add(cm.id() + ": key " + e.getKey() + " looks like a credential with a committed value; "
                            + "put it in the Secret");
                }
            });
        }
        rendered.workloads().forEach(w -> {
            var containers = new ArrayList<io.fabric8.kubernetes.api.model.Container>(w.podSpec().getContainers());
            if (w.podSpec().getInitContainers() != null) containers.addAll(w.podSpec().getInitContainers());
            for (var c : containers) {
                if (c.getEnv() == null) continue;
                for (var e : c.getEnv()) {
                    if (CREDENTIAL.matcher(e.getName()).matches() && e.getValue() != null && !e.getValue().isBlank()) {
                        v.add(w.id() + " container " + c.getName() + ": env " + e.getName()
                                + " has a literal value; take it from a Secret (secretKeyRef)");
                    }
                }
            }
        });
        return v;
    }

    private static void walk(Path repo, Path dir, Set<Path> seen, List<String> v) {
        if (!seen.add(dir)) return;
        Path file = Stream.of("kustomization.yaml", "kustomization.yml", "Kustomization").map(dir::resolve)
                .filter(Files::isRegularFile).findFirst().orElse(null);
        if (file == null) {
            v.add(dir + ": no kustomization file");
            return;
        }
        JsonNode k = readYaml(file).getFirst();
        for (JsonNode g : k.path("secretGenerator")) {
            String name = g.path("name").asText();
            if (!g.path("literals").isEmpty()) {
                v.add(rel(repo, file) + ": secretGenerator " + name + " has literals (committed values)");
            }
            List<String> sources = new ArrayList<>();
            g.path("envs").forEach(e -> sources.add(e.asText()));
            if (g.has("env")) sources.add(g.path("env").asText());
            g.path("files").forEach(f -> {
                String s = f.asText();
                sources.add(s.contains("=") ? s.substring(s.indexOf('=') + 1) : s);
            });
            for (String s : sources) {
                Path source = dir.resolve(s).normalize();
                String path = rel(repo, source);
                if (!gitOk(repo, "check-ignore", "-q", "--no-index", path)) {
                    v.add(rel(repo, file) + ": secretGenerator " + name + " reads " + path + ", which .gitignore does "
                            + "not ignore");
                }
                if (gitOk(repo, "ls-files", "--error-unmatch", path)) {
                    v.add(rel(repo, file) + ": secretGenerator " + name + " reads " + path + ", which git tracks");
                }
            }
        }
        List<String> children = new ArrayList<>();
        k.path("resources").forEach(r -> children.add(r.asText()));
        k.path("components").forEach(r -> children.add(r.asText()));
        k.path("bases").forEach(r -> children.add(r.asText()));
        for (String child : children) {
            if (child.contains("://") || child.startsWith("github.com/")) continue; // remote: not ours to check
            Path p = dir.resolve(child).normalize();
            if (Files.isDirectory(p)) {
                walk(repo, p, seen, v);
            } else if (Files.isRegularFile(p)) {
                for (JsonNode doc : readYaml(p)) {
                    if (doc.path("kind").asText().equals("Secret")
                            && (!doc.path("data").isEmpty() || !doc.path("stringData").isEmpty())) {
                        v.add(rel(repo, p) + ": Secret " + doc.at("/metadata/name").asText()
                                + " is committed with values (data/stringData)");
                    }
                }
            }
        }
    }

    private static boolean gitOk(Path repo, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Processes.Result r = Processes.run(repo, cmd);
        if (r.exitCode() > 1) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (is " + repo + " a git checkout?): " + r.stderr());
        }
        return r.ok();
    }

    private static List<JsonNode> readYaml(Path file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            Manifest.YAML.readerFor(JsonNode.class).readValues(Files.readString(file)).forEachRemaining(n -> {
                if (n != null) docs.add((JsonNode) n);
            });
            return docs.isEmpty() ? List.of(Manifest.YAML.createObjectNode()) : docs;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + file + ": " + e.getMessage(), e);
        }
    }

    private static String rel(Path repo, Path p) {
        return p.startsWith(repo) ? repo.relativize(p).toString() : p.toString();
    }
}
