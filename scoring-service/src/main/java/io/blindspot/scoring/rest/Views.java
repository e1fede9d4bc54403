package io.blindspot.scoring.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;

import java.util.List;

/** JSON bodies of the API; field names are the API contract (snake_case where the paper's tables use it). */
final class Views {
    private Views() {
    }

    /**
     * GET /api/experiments/{id}.
     *
     * @param anomalyType the spec's {@code anomaly.type} (disk, pixel-shuffle, sink, source), so a client can
     *                    tell an intensity sweep from a texture without reading the spec
     */
    record Experiment(String id, String name, String status, long done, long expected, String submittedAt,
                      @JsonProperty("anomaly_type") String anomalyType, ExperimentSpec spec, List<String> errors) {
    }

    /** GET /api/experiments/{id}/cells. */
    record Cells(String id, String name, String metric, List<CellRow> cells) {
    }

    /** One (intensity, sigma) cell; ap_std is null below two slices; intensity is null for a texture. */
    record CellRow(Double intensity, double sigma,
                   @JsonProperty("intensity_index") int intensityIndex,
                   @JsonProperty("sigma_index") int sigmaIndex,
                   @JsonProperty("ap_mean") double apMean,
                   @JsonProperty("ap_std") Double apStd,
                   int n,
                   @JsonProperty("mean_residual") double meanResidual) {
        static CellRow of(Cell c) {
            return new CellRow(c.intensity(), c.sigma(), c.intensityIndex(), c.sigmaIndex(), c.apMean(), c.apStd(),
                    c.n(), c.meanResidual());
        }
    }

    /**
     * An element of GET /api/experiments/{id}/results (a JSON array): one slice's value for one cell; volume the
     * slice's index in {@code dataset.volumes} (0 for one volume); position [row, col] of the anomaly's centre,
     * null if unknown; intensity null for a texture.
     */
    record SliceRow(int volume, int axis, int slice, Double intensity, double sigma,
                    @JsonProperty("intensity_index") int intensityIndex,
                    @JsonProperty("sigma_index") int sigmaIndex,
                    double ap,
                    @JsonProperty("mean_residual") double meanResidual,
                    List<Integer> position) {
        static SliceRow of(SliceResult r) {
            List<Integer> position = r.positionRow() == null || r.positionCol() == null ? null
                    : List.of(r.positionRow(), r.positionCol());
            return new SliceRow(r.volume(), r.axis(), r.slice(), r.intensity(), r.sigma(), r.intensityIndex(),
                    r.sigmaIndex(), r.ap(), r.meanResidual(), position);
        }
    }
}
