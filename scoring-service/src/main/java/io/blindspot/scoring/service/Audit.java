package io.blindspot.scoring.service;

import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;

import java.util.List;

/**
 * A blind-spot audit as its report shows it (beyond the paper): one model run in both modes, each mode's curve
 * matched to the experiment-1 reference on the same data, and the intensities where AP stays below the
 * threshold, beside the histogram of normal brain intensities.
 *
 * @param status    the worst of its experiments': failed, else running (also while one is not registered yet),
 *                  else done
 * @param reference experiment 1 on the same data; null while not registered
 * @param modes     normal-rec then anomal-rec, always both
 * @param histogram normal brain intensities (the reference's slices, else a mode's); null when none is stored
 */
public record Audit(String id, String model, double threshold, String status, LoadedExperiment reference,
                    List<Mode> modes, IntensityHistogram histogram) {

    /**
     * One mode of the audit.
     *
     * @param mode       normal-rec or anomal-rec
     * @param experiment the mode's experiment; null while not registered
     * @param curve      AP vs intensity (its one sigma); null without experiment
     * @param match      the closest reference sigma column; null until both are complete
     * @param matchError why there is no match yet (or at all); null when matched
     * @param blindSpots maximal runs of intensities with mean AP below the threshold
     */
    public record Mode(String mode, LoadedExperiment experiment, Curve curve, GridMatch match, String matchError,
                       List<BlindSpots.Interval> blindSpots) {
    }
}
