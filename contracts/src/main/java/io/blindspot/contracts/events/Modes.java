package io.blindspot.contracts.events;

/** Reconstruction modes, named as in the paper. */
public final class Modes {
    /** |rec(normal) − anomalous|: the paper's experiment 1 and figure 1a. */
    public static final String NORMAL_REC = "normal-rec";
    /** |rec(anomalous) − anomalous|: figure 3a. */
    public static final String ANOMAL_REC = "anomal-rec";

    private Modes() {
    }
}
