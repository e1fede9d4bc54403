package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The anomaly to inject into one slice: every intensity is one variant.
 *
 * @param position [row, col] of the centre; set by ingest when the spec lists positions, by synth when seeded
 * @param seed     the experiment's seed when centres are drawn (synth derives the slice's draw from it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyParams(String type, int radius, List<Double> intensities, List<Integer> position, Long seed) {

    public AnomalyParams withPosition(List<Integer> centre) {
        return new AnomalyParams(type, radius, intensities, centre, seed);
    }
}
