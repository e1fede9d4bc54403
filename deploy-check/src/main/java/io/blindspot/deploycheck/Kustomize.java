package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Renders kustomizations with `kubectl kustomize` (kustomize v5 inside kubectl 1.27+). */
public final class Kustomize {

    public static final int MIN_MINOR = 27;
    private static final Map<Path, List<Manifest>> CACHE = new ConcurrentHashMap<>();
    private static volatile String checkedVersion;

    private Kustomize() {
    }

    /** "1.32": fails with what to install when kubectl is missing or older than 1.27. */
    public static String requireKubectl() {
        if (checkedVersion != null) {
            return checkedVersion;
        }
        if (!Processes.available("kubectl")) {
            throw new IllegalStateException("kubectl not found on PATH: the deployment check renders k8s/ with "
                    + "`kubectl kustomize` and needs kubectl >= 1." + MIN_MINOR + " (no cluster is contacted)");
        }
        Processes.Result r = Processes.run(Path.of("."), List.of("kubectl", "version", "--client", "-o", "json"));
        if (!r.ok()) {
            throw new IllegalStateException("kubectl version --client failed: " + r.stderr());
        }
        try {
            JsonNode v = new ObjectMapper().readTree(r.stdout()).path("clientVersion");
            int major = Integer.parseInt(v.path("major").asText().replaceAll("\\D", ""));
            int minor = Integer.parseInt(v.path("minor").asText().replaceAll("\\D", ""));
            if (major < 1 || (major == 1 && minor < MIN_MINOR)) {
                throw new IllegalStateException("kubectl " + major + "." + minor + " is too old: the deployment check "
                        + "needs >= 1." + MIN_MINOR + " (kustomize v5: components, labels, envs)");
            }
            checkedVersion = major + "." + minor;
            return checkedVersion;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("unreadable `kubectl version --client -o json`: " + r.stdout(), e);
        }
    }

    /**
     * The kustomizations to render under a k8s/ tree: each folder of k8s/overlays/, or k8s/ itself while it has no
     * overlays. Names are the folder names ("dev", "prod", "gpu"), "." for the tree itself.
     */
    public static List<String> overlays(Path k8s) {
        Path overlays = k8s.resolve("overlays");
        if (!Files.isDirectory(overlays)) {
            return List.of(".");
        }
        try (Stream<Path> dirs = Files.list(overlays)) {
            return dirs.filter(d -> hasKustomization(d)).map(d -> "overlays/" + d.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean hasKustomization(Path dir) {
        return Stream.of("kustomization.yaml", "kustomization.yml", "Kustomization")
                .anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** The display name of an overlay path: "dev" for overlays/dev, "base" for the tree itself. */
    public static String displayName(String overlay) {
        return overlay.equals(".") ? "base" : Path.of(overlay).getFileName().toString();
    }

    /**
     * Renders {@code k8s/<overlay>}. A clean checkout lacks the git-ignored env files that secretGenerators read
     * (credentials.env): then the tree is rendered from a temporary copy in which each missing X.env is its
     * committed X.env.example.
     */
    public static Rendered render(Path k8s, String overlay) {
        requireKubectl();
        Path tree = k8s.toAbsolutePath().normalize();
        List<Manifest> objects = CACHE.computeIfAbsent(tree.resolve(overlay).normalize(), key -> {
            Path from = missingEnvFiles(tree).isEmpty() ? tree : copyWithExamples(tree);
            Path dir = from.resolve(overlay).normalize();
            Processes.Result r = Processes.run(from, List.of("kubectl", "kustomize", dir.toString()));
            if (!r.ok()) {
                throw new IllegalStateException("kubectl kustomize " + tree.relativize(key) + " failed:\n" + r.stderr());
            }
            return Manifest.parseAll(r.stdout());
        });
        return new Rendered(displayName(overlay), objects);
    }

    /** X.env files of the tree that only exist as X.env.example. */
    public static List<Path> missingEnvFiles(Path tree) {
        List<Path> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tree)) {
            files.filter(f -> f.getFileName().toString().endsWith(".env.example")).forEach(example -> {
                String name = example.getFileName().toString();
                Path real = example.resolveSibling(name.substring(0, name.length() - ".example".length()));
                if (!Files.exists(real)) {
                    missing.add(tree.relativize(real));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    private static Path copyWithExamples(Path tree) {
        try {
            Path copy = Files.createTempDirectory("deploy-check-k8s");
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(tree.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            for (Path missing : missingEnvFiles(tree)) {
                Files.copy(tree.resolve(missing + ".example"), copy.resolve(missing.toString()));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + tree + " to render it", e);
        }
    }
}
