package io.blindspot.scoring.service;

import io.blindspot.scoring.domain.BlindSpotRule;
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
 * @param rule      what counts as blind (issue 14): a metric below a value, or AP below a multiple of chance
 */
public record Audit(String id, String model, double threshold, String status, LoadedExperiment reference,
                    List<Mode> modes, IntensityHistogram histogram, BlindSpotRule rule) {

    /** An audit judged on AP below {@code threshold} (the rule of before issue 14). */
    public Audit(String id, String model, double threshold, String status, LoadedExperiment reference,
                 List<Mode> modes, IntensityHistogram histogram) {
        this(id, model, threshold, status, reference, modes, histogram,
                BlindSpotRule.of(null, threshold, null));
    }

    /**
     * One mode of the audit.
     *
     * @param mode       normal-rec or anomal-rec
     * @param experiment the mode's experiment; null while not registered
     * @param curve      AP vs intensity (its one sigma); null without experiment
     * @param match      the closest reference sigma column; null until both are complete
     * @param matchError why there is no match yet (or at all); null when matched
     * @param blindSpots maximal runs of intensities whose value (of the rule's metric) is below the threshold
     * @param ruleCurve  the curve the rule judges: {@code curve} itself when the rule is on AP, else the rule's
     *                   metric against intensity; null without experiment
     * @param chance     AP's chance level along the curve: the mean over its cells of the cells' mean prevalence
     *                   (constant for disks: every intensity shares the slices' labels); NaN where unknown
     * @param ruleError  why the blind spots could not be judged (the metric not computed); null otherwise
     */
    public record Mode(String mode, LoadedExperiment experiment, Curve curve, GridMatch match, String matchError,
                       List<BlindSpots.Interval> blindSpots, Curve ruleCurve, double chance, String ruleError) {

        public Mode(String mode, LoadedExperiment experiment, Curve curve, GridMatch match, String matchError,
                    List<BlindSpots.Interval> blindSpots) {
            this(mode, experiment, curve, match, matchError, blindSpots, curve, Double.NaN, null);
        }
    }
}
