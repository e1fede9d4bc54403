package io.blindspot.contracts;

/**
 * Kafka topics of the pipeline, in the order events flow through them.
 * Every record is JSON; pixels never travel on Kafka (claim check): events carry object keys.
 */
public final class Topics {
    /** ingest → scoring: an accepted experiment and what it expects ({@code ExperimentSubmitted}). */
    public static final String EXPERIMENTS = "blindspot.experiments";
    /** ingest → synth: one normalised slice ({@code SliceIngested}). */
    public static final String SLICES = "blindspot.slices";
    /** synth → inference: all anomaly variants of one slice ({@code AnomaliesSynthesized}). */
    public static final String ANOMALIES = "blindspot.anomalies";
    /** inference → scoring: one slice and one reconstructor ({@code SliceReconstructed}). */
    public static final String RECONSTRUCTIONS = "blindspot.reconstructions";
    /** Every consumer's dead letters, with the reason in the {@code dead-letter-reason} header. */
    public static final String DEAD_LETTERS = "blindspot.dead-letters";

    private Topics() {
    }
}
