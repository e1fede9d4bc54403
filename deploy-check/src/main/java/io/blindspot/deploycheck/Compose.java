package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `docker-compose config`: the compose files merged, anchors and ${VAR:-default} resolved, as the engine would see them. */
public final class Compose {

    private static final Map<String, Processes.Result> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Compose() {
    }

    public static String requireBinary() {
        if (!Processes.available("docker-compose")) {
            throw new IllegalStateException("docker-compose not found on PATH: the deployment check runs "
                    + "`docker-compose config` (no engine needed); install Debian's docker-compose package");
        }
        return "docker-compose";
    }

    /** Runs `docker-compose -f A -f B config` in the repository root; throws with compose's message on failure. */
    public static JsonNode config(Path root, String... files) {
        // docker-compose (Python) takes 1-2 s a run: each merge is computed once per test JVM.
        Processes.Result r = CACHE.computeIfAbsent(root.toAbsolutePath() + " " + String.join(" ", files), k -> run(root, files));
        if (!r.ok()) {
            throw new IllegalStateException("docker-compose " + String.join(" -f ", files) + " config failed:\n" + r.stderr());
        }
        try {
            return Manifest.YAML.readTree(r.stdout());
        } catch (Exception e) {
            throw new IllegalStateException("unreadable docker-compose config output", e);
        }
    }

    public static Processes.Result run(Path root, String... files) {
        requireBinary();
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--project-directory", root.toString()));
        for (String f : files) {
            cmd.add("-f");
            cmd.add(root.resolve(f).toString());
        }
        cmd.add("config");
        return Processes.run(root, cmd);
    }

    /** The compose service running blindspot/<service>'s image (or named <service> less "-service"). */
    public static Optional<String> serviceFor(JsonNode config, String service) {
        for (var e : config.path("services").properties()) {
            String image = e.getValue().path("image").asText("");
            String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
            if (name.equals("blindspot/" + service) || name.endsWith("/blindspot/" + service)) {
                return Optional.of(e.getKey());
            }
        }
        String shortName = service.replaceFirst("-service$", "");
        return config.path("services").has(shortName) ? Optional.of(shortName) : Optional.empty();
    }

    /** environment of a compose service (env_file is already merged into it by `config`). */
    public static Map<String, String> environment(JsonNode config, String composeService) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = config.path("services").path(composeService).path("environment");
        if (e.isArray()) {
            e.forEach(kv -> {
                String s = kv.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            });
        } else {
            e.properties().forEach(kv -> env.put(kv.getKey(), kv.getValue().isNull() ? null : kv.getValue().asText()));
        }
        return env;
    }
}
