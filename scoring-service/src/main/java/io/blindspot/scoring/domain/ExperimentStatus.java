package io.blindspot.scoring.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an experiment stands, as the API reports it.
 *
 * <ul>
 *   <li>{@code failed}: one of its events was dead-lettered (it can never complete); the reasons are listed.</li>
 *   <li>{@code done}: every expected per-slice value is stored.</li>
 *   <li>{@code waiting}: scoring is retrying a transient fault (database, object store, broker) for one of its
 *       events right now; the report says which resource and since when.</li>
 *   <li>{@code stalled}: no new result for {@code blindspot.scoring.stalled-after} (default 2 min) and nothing
 *       known to be waited out; the report says which slices lack results. Work may still resume (a consumer
 *       restarting, an upstream service retrying): the status goes back to {@code running} with the next row.</li>
 *   <li>{@code running}: otherwise.</li>
 * </ul>
 */
public enum ExperimentStatus {
    RUNNING("running"), WAITING("waiting"), STALLED("stalled"), DONE("done"), FAILED("failed");

    private final String label;

    ExperimentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status a label names ({@code running}, {@code done}, ...); empty for any other text. */
    public static java.util.Optional<ExperimentStatus> byLabel(String label) {
        for (ExperimentStatus s : values()) {
            if (s.label.equals(label)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /** Running, waiting or stalled: not finished either way (pages keep refreshing). */
    public boolean inProgress() {
        return this == RUNNING || this == WAITING || this == STALLED;
    }

    /** Whether {@code label} names a status that is not finished. */
    public static boolean inProgress(String label) {
        return RUNNING.label.equals(label) || WAITING.label.equals(label) || STALLED.label.equals(label);
    }

    /**
     * A single dead letter fails the experiment: the event it stood for will never be scored, so the
     * experiment could never complete. Otherwise done once every expected per-slice value is stored.
     */
    public static ExperimentStatus of(int deadLetters, long done, long expected) {
        if (deadLetters > 0) {
            return FAILED;
        }
        return done >= expected ? DONE : RUNNING;
    }

    /**
     * {@link #of(int, long, long)}, then, while not complete: waiting when scoring waits out a fault for it, stalled
     * when the last progress (its last result row, or its submission when there is none) is at least
     * {@code stalledAfter} ago.
     */
    public static ExperimentStatus of(int deadLetters, long done, long expected, boolean waiting,
                                      Instant lastProgress, Instant now, Duration stalledAfter) {
        ExperimentStatus status = of(deadLetters, done, expected);
        if (status != RUNNING) {
            return status;
        }
        if (waiting) {
            return WAITING;
        }
        if (lastProgress != null && Duration.between(lastProgress, now).compareTo(stalledAfter) >= 0) {
            return STALLED;
        }
        return RUNNING;
    }
}
