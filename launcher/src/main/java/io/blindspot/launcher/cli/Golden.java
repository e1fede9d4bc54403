package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The golden case (classpath {@code /golden/exp1-ch2bet-small.json}): experiment 1 on four slices of the bundled
 * brain, computed with scikit-image, scipy and scikit-learn. Layouts as in the file:
 * {@code apPerSlice[slice][intensity][sigma]} and {@code apMean[intensity][sigma]}.
 */
public record Golden(List<Integer> slices, List<List<Integer>> positions, int radius, double[] intensities,
                     double[] sigmas, double[][][] apPerSlice, double[][] apMean) {
    public static final String RESOURCE = "/golden/exp1-ch2bet-small.json";
    public static final String NAME = "exp1-ch2bet-small";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Golden load() {
        try (InputStream in = Golden.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            JsonNode g = JSON.readTree(in);
            return new Golden(
                    JSON.convertValue(g.get("slices_z"), JSON.getTypeFactory()
                            .constructCollectionType(List.class, Integer.class)),
                    JSON.convertValue(g.get("positions"), JSON.getTypeFactory()
                            .constructCollectionType(List.class, JSON.getTypeFactory()
                                    .constructCollectionType(List.class, Integer.class))),
                    g.get("radius").asInt(),
                    JSON.convertValue(g.get("intensities"), double[].class),
                    JSON.convertValue(g.get("sigmas"), double[].class),
                    JSON.convertValue(g.get("ap_per_slice"), double[][][].class),
                    JSON.convertValue(g.get("ap_mean"), double[][].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The experiment spec that reproduces this case through the pipeline (same as presets/exp1-small.json). */
    public ObjectNode spec(String name) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("name", name);
        ObjectNode dataset = spec.putObject("dataset");
        dataset.put("source", "sample:ch2bet");
        dataset.put("axis", 2);
        ArrayNode s = dataset.putArray("slices");
        slices.forEach(s::add);
        ObjectNode anomaly = spec.putObject("anomaly");
        anomaly.put("type", "disk");
        anomaly.put("radius", radius);
        ArrayNode i = anomaly.putArray("intensities");
        for (double v : intensities) {
            i.add(v);
        }
        ArrayNode p = anomaly.putArray("positions");
        for (List<Integer> rc : positions) {
            ArrayNode pair = p.addArray();
            rc.forEach(pair::add);
        }
        ObjectNode rec = spec.putObject("reconstruction");
        rec.put("mode", "normal-rec");
        rec.put("reconstructor", "gaussian-blur");
        ArrayNode sig = rec.putArray("sigmas");
        for (double v : sigmas) {
            sig.add(v);
        }
        spec.putArray("metrics").add("ap");
        return spec;
    }
}
