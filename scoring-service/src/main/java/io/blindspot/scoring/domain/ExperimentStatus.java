package io.blindspot.scoring.domain;

/** Where an experiment stands, as the API reports it. */
public enum ExperimentStatus {
    RUNNING("running"), DONE("done"), FAILED("failed");

    private final String label;

    ExperimentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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
}
