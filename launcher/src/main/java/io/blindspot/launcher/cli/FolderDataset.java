package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's MOOD-style folder as an experiment's dataset ({@code --dataset DIR}): the chosen split's volumes are
 * uploaded one by one ({@code POST /api/volumes}) and the spec is rewritten to use them.
 */
final class FolderDataset {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slices of a MOOD volume are taken along axis 2 ({@code volume[:, :, z]}), as the paper's code does. */
    static final int AXIS = 2;

    private FolderDataset() {
    }

    /** {@code "dataset"} of a spec: the uploaded volumes, axis 2, the slices (and no preprocessing). */
    static ObjectNode dataset(List<String> volumes, List<Integer> slices) {
        ObjectNode dataset = JSON.createObjectNode();
        ArrayNode v = dataset.putArray("volumes");
        volumes.forEach(v::add);
        dataset.put("axis", AXIS);
        ArrayNode s = dataset.putArray("slices");
        slices.forEach(s::add);
        return dataset;
    }

    /**
     * The spec on the folder's volumes: {@code dataset} replaced by {@link #dataset} (keeping the spec's
     * {@code preprocessing}), and anomaly positions replaced by a seed (the spec's seed, else 0): a preset's
     * positions are centres on the bundled slices, meaningless on other volumes.
     */
    static ObjectNode rewrite(JsonNode spec, List<String> volumes, List<Integer> slices) {
        if (spec == null || !spec.isObject()) {
            throw new CliException(2, "the spec must be a JSON object");
        }
        ObjectNode out = spec.deepCopy();
        ObjectNode dataset = dataset(volumes, slices);
        JsonNode preprocessing = spec.path("dataset").get("preprocessing");
        if (preprocessing != null && !preprocessing.isNull()) {
            dataset.set("preprocessing", preprocessing.deepCopy());
        }
        out.set("dataset", dataset);
        if (out.get("anomaly") instanceof ObjectNode anomaly) {
            anomaly.remove("positions");
            JsonNode seed = anomaly.get("seed");
            if (seed == null || seed.isNull()) {
                anomaly.put("seed", 0);
            }
        }
        return out;
    }

    /** Uploads each file, printing one line per volume; returns their sources ({@code upload:ID}) in order. */
    static List<String> upload(BlindspotClient client, List<Path> files, PrintStream out) throws IOException {
        List<String> sources = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            JsonNode answer;
            try {
                answer = client.uploadVolume(Files.readAllBytes(file), name);
            } catch (ApiException e) {
                throw new CliException(e.status() >= 400 && e.status() < 500 ? 2 : 1,
                        "upload of " + file + " refused (" + e.status() + "): " + e.getMessage());
            }
            String source = answer.path("source").asText();
            sources.add(source);
            out.printf("uploaded %d/%d %s as %s%n", i + 1, files.size(), name, source);
        }
        return sources;
    }
}
