package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.AnomalyTypes;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code experiments}: the resolved spec as JSON plus the grid it spans, so queries and the heatmap
 * need not parse the spec.
 *
 * @param intensities the disk's intensities; empty for a texture (one variant per slice, no intensity)
 * @param expected number of per-slice values the experiment produces when complete
 */
public record ExperimentRecord(UUID id, String name, OffsetDateTime submittedAt, String specJson,
                               double[] intensities, double[] sigmas, int[] slices, int axis, long expected) {

    /**
     * The row for an {@code ExperimentSubmitted} event.
     *
     * @param specJson     the event's spec serialised as JSON
     * @param receivedAt   used when the event carries no submission time
     * @throws IllegalArgumentException when the id is not a UUID or the spec lacks what the grid needs
     */
    public static ExperimentRecord from(ExperimentSubmitted event, String specJson, Instant receivedAt) {
        UUID id = parseId(event.experimentId());
        ExperimentSpec spec = event.spec();
        if (spec == null || spec.dataset() == null || spec.dataset().slices() == null || spec.anomaly() == null
                || (spec.anomaly().intensities() == null && !AnomalyTypes.isTexture(spec.anomaly().type()))
                || spec.reconstruction() == null
                || spec.reconstruction().sigmas() == null || spec.metrics() == null) {
            throw new IllegalArgumentException("experiment " + id
                    + ": spec lacks dataset.slices, anomaly.intensities, reconstruction.sigmas or metrics");
        }
        return new ExperimentRecord(id, spec.name() == null ? id.toString() : spec.name(),
                submittedAt(event.submittedAt(), receivedAt), specJson, intensities(spec.anomaly()),
                doubles(spec.reconstruction().sigmas()), ints(spec.dataset().slices()), spec.dataset().axis(),
                spec.expectedResults());
    }

    /** Experiment ids are UUIDs (ingest draws them); anything else is bad data. */
    public static UUID parseId(String experimentId) {
        if (experimentId == null) {
            throw new IllegalArgumentException("event has no experimentId");
        }
        try {
            return UUID.fromString(experimentId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("experimentId '" + experimentId + "' is not a UUID", e);
        }
    }

    private static OffsetDateTime submittedAt(String iso, Instant receivedAt) {
        if (iso == null || iso.isBlank()) {
            return receivedAt.atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("submittedAt '" + iso + "' is not an ISO-8601 instant", e);
        }
    }

    /** A texture's one variant has no intensity: none are stored, whatever the spec carries. */
    private static double[] intensities(ExperimentSpec.Anomaly anomaly) {
        return AnomalyTypes.isTexture(anomaly.type()) ? new double[0] : doubles(anomaly.intensities());
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(v -> {
            if (v == null) {
                throw new IllegalArgumentException("null in a list of numbers");
            }
            return v;
        }).toArray();
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(v -> {
            if (v == null) {
                throw new IllegalArgumentException("null in a list of slices");
            }
            return v;
        }).toArray();
    }
}
