package io.blindspot.ingest.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What ingest does to each slice image after the volume normalisation, before synth sees it
 * ({@code dataset.preprocessing} in a spec). The paper's equalised variant of experiment 1 applies
 * {@link HistogramEqualization} "to each test slice before anomaly and blur".
 */
public enum Preprocessing {
    /** The normalised slice as it is (the default). */
    NONE("none"),
    /** {@link HistogramEqualization#equalize}: scikit-image's {@code equalize_hist} on the brain, times the mask. */
    EQUALIZE_HIST("equalize-hist");

    private final String specName;

    Preprocessing(String specName) {
        this.specName = specName;
    }

    /** The name used in specs and logs. */
    public String specName() {
        return specName;
    }

    /** Every name a spec may use, in declaration order. */
    public static List<String> specNames() {
        return Arrays.stream(values()).map(Preprocessing::specName).toList();
    }

    public static Optional<Preprocessing> bySpecName(String name) {
        return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst();
    }

    /** The preprocessing a resolved spec names (SpecParser only lets known names through). */
    public static Preprocessing of(io.blindspot.contracts.events.ExperimentSpec spec) {
        String name = spec.dataset().preprocessing();
        return bySpecName(name).orElseThrow(() -> new IllegalArgumentException("unknown preprocessing '" + name
                + "'; supported: " + String.join(", ", specNames())));
    }

    /** The slice to store: {@code slice} itself for {@link #NONE}, otherwise a new array. */
    public float[] apply(float[] slice) {
        return switch (this) {
            case NONE -> slice;
            case EQUALIZE_HIST -> HistogramEqualization.equalize(slice);
        };
    }
}
