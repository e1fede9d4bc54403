package io.blindspot.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                      @JsonProperty("anomaly_type") String anomalyType, ExperimentSpec spec, List<String> errors,
                      @JsonProperty("last_progress") String lastProgress,
                      @JsonProperty("waiting_for") @JsonInclude(JsonInclude.Include.NON_NULL) WaitingFor waitingFor) {
    }

    /**
     * GET /api/experiments: one page of experiments, newest first.
     *
     * @param status     the filter asked for; null for every status
     * @param nextOffset the offset of the next page, null on the last one
     * @param next       the next page's path and query, null on the last one
     */
    record ExperimentList(List<ExperimentSummary> experiments, int limit, long offset, String status,
                          @JsonProperty("next_offset") Long nextOffset, String next) {
    }

    /**
     * An experiment in the list: its status and progress as GET /api/experiments/{id} reports them (without the
     * spec, errors and waiting_for; {@code href} is that endpoint).
     *
     * @param reconstructor gaussian-blur or onnx:MODEL
     * @param auditId       the blind-spot audit the experiment belongs to (absent otherwise), with its role
     */
    record ExperimentSummary(String id, String name, String status, long done, long expected, String submittedAt,
                             @JsonProperty("anomaly_type") String anomalyType, String reconstructor, String mode,
                             @JsonProperty("last_progress") String lastProgress,
                             @JsonProperty("audit_id") @JsonInclude(JsonInclude.Include.NON_NULL) String auditId,
                             @JsonProperty("audit_role") @JsonInclude(JsonInclude.Include.NON_NULL) String auditRole,
                             String href) {
    }

    /**
     * What a waiting or stalled experiment waits for (absent otherwise): {@code what} in words; waiting: the
     * {@code resource} retried, {@code since} when, how many {@code events}; stalled: {@code since} the last
     * progress, {@code missing} values and the incomplete {@code slices} (at most 50, fewest values first).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WaitingFor(String what, String resource, String since, Integer events, Long missing,
                      List<SliceGap> slices) {
        static WaitingFor of(io.blindspot.scoring.domain.WaitingFor w) {
            return w == null ? null : new WaitingFor(w.what(), w.resource(),
                    w.since() == null ? null : w.since().toString(), w.events(), w.missing(),
                    w.slices() == null ? null : w.slices().stream().map(g -> new SliceGap(g.volume(), g.axis(),
                            g.slice(), g.done(), g.expected())).toList());
        }
    }

    /** A slice of a stalled experiment: {@code done} of {@code expected} values stored. */
    record SliceGap(int volume, int axis, int slice, long done, long expected) {
    }

    /** GET /api/experiments/{id}/cells. */
    record Cells(String id, String name, String metric, List<CellRow> cells) {
    }

    /**
     * One (intensity, sigma) cell; ap_std is null below two slices; intensity is null for a texture. ap_mean and
     * ap_std hold the mean and standard deviation of the metric that {@link Cells#metric} names, over the slices
     * where it is defined: {@code n} of them, {@code n_undefined} left out (NaN: e.g. AUROC of a slice without
     * lesion); ap_mean is null when none is defined. {@code prevalence}: the mean lesion prevalence of the cell's
     * slices, the chance level of the slice-mean AP (null for rows stored before it was recorded).
     */
    record CellRow(Double intensity, double sigma,
                   @JsonProperty("intensity_index") int intensityIndex,
                   @JsonProperty("sigma_index") int sigmaIndex,
                   @JsonProperty("ap_mean") double apMean,
                   @JsonProperty("ap_std") Double apStd,
                   int n,
                   @JsonProperty("mean_residual") double meanResidual,
                   Double prevalence,
                   @JsonProperty("n_undefined") int nUndefined) {
        static CellRow of(Cell c) {
            return new CellRow(c.intensity(), c.sigma(), c.intensityIndex(), c.sigmaIndex(), c.apMean(), c.apStd(),
                    c.n(), c.meanResidual(), c.prevalence(), c.skipped());
        }
    }

    /**
     * An element of GET /api/experiments/{id}/results (a JSON array): one slice's value for one cell; volume the
     * slice's index in {@code dataset.volumes} (0 for one volume); position [row, col] of the anomaly's centre,
     * null if unknown; intensity null for a texture. {@code ap} holds the value of the metric {@code metric}
     * names ({@code ?metric=}, default ap), null where it is undefined for the slice (NaN). {@code prevalence}:
     * the slice's label pixels / pixels, AP's chance level (null for rows stored before it was recorded).
     */
    record SliceRow(int volume, int axis, int slice, Double intensity, double sigma,
                    @JsonProperty("intensity_index") int intensityIndex,
                    @JsonProperty("sigma_index") int sigmaIndex,
                    String metric,
                    double ap,
                    @JsonProperty("mean_residual") double meanResidual,
                    List<Integer> position,
                    Double prevalence,
                    @com.fasterxml.jackson.annotation.JsonInclude(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Double threshold) {
        static SliceRow of(SliceResult r) {
            return of(r, "ap");
        }

        static SliceRow of(SliceResult r, String metric) {
            List<Integer> position = r.positionRow() == null || r.positionCol() == null ? null
                    : List.of(r.positionRow(), r.positionCol());
            return new SliceRow(r.volume(), r.axis(), r.slice(), r.intensity(), r.sigma(), r.intensityIndex(),
                    r.sigmaIndex(), metric, r.ap(), r.meanResidual(), position, r.prevalence(), r.threshold());
        }
    }

    /** GET /api/experiments/{id}/cells?aggregation=: the cells under that aggregation, with their intervals. */
    record AggregatedCells(String id, String name, String metric, String aggregation, List<AggregatedCellRow> cells) {
    }

    /**
     * One cell under an aggregation: {@code value} the aggregated metric (slice-mean: the mean over slices;
     * volume-mean: over volumes; pooled: of every pixel at once), {@code std} over the units (null for pooled),
     * {@code n} the units (slices, or volumes for volume-mean), the t-interval {@code ci_*} and the percentile
     * bootstrap {@code boot_*} (95 %; null where they do not apply), {@code mean_residual} the slice mean.
     */
    record AggregatedCellRow(Double intensity, double sigma,
                             @JsonProperty("intensity_index") int intensityIndex,
                             @JsonProperty("sigma_index") int sigmaIndex,
                             double value, Double std, int n,
                             @JsonProperty("mean_residual") double meanResidual,
                             @JsonProperty("ci_low") Double ciLow, @JsonProperty("ci_high") Double ciHigh,
                             @JsonProperty("boot_low") Double bootLow, @JsonProperty("boot_high") Double bootHigh) {
        static AggregatedCellRow of(io.blindspot.scoring.domain.AggregatedCell a) {
            Cell c = a.cell();
            return new AggregatedCellRow(c.intensity(), c.sigma(), c.intensityIndex(), c.sigmaIndex(), c.apMean(),
                    c.apStd(), c.n(), c.meanResidual(), a.ciLow(), a.ciHigh(), a.bootLow(), a.bootHigh());
        }
    }

    /**
     * An element of GET /api/experiments/{id}/results?aggregation= (volume-mean, pooled, pooled-float16): a cell's
     * value ({@code volume} null) or, for volume-mean, one volume's (its slices pooled).
     */
    record AggregateView(String aggregation, String metric, Integer volume, Double intensity, double sigma,
                         @JsonProperty("intensity_index") int intensityIndex,
                         @JsonProperty("sigma_index") int sigmaIndex,
                         double value, int n, Double std,
                         @JsonProperty("ci_low") Double ciLow, @JsonProperty("ci_high") Double ciHigh,
                         @JsonProperty("boot_low") Double bootLow, @JsonProperty("boot_high") Double bootHigh) {
    }
}
