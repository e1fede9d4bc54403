package io.blindspot.bench;

import io.blindspot.inference.InferenceKernels;
import io.blindspot.scoring.MetricKernels;
import io.blindspot.synth.SynthKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 14's metric kernels on the benchmark's data, through {@link MetricKernels} only: for every slice and the
 * given sigmas of the grid, every intensity (normal-rec), timed like {@link KernelBench} (warm-up, then the median
 * of the timed iterations), per cell = per (slice, intensity, sigma).
 *
 * <ul>
 *   <li>AP (today's per-slice AP, the baseline of the ratios): per (slice, sigma) the block (negatives and label
 *       reconstruction values sorted once), then per intensity a merge and the look-ups;</li>
 *   <li>AUROC, best Dice, AUPRO-0.3: the same block, then per intensity their own pass (AUPRO sorts the label
 *       residuals with their regions);</li>
 *   <li>pooled AP (and with MOOD's float16 rounding): per sigma the 30 slices' negatives pooled and sorted once,
 *       each slice's label values sorted once, per intensity the slices' label residuals merged; its time is
 *       divided by the same (slice, intensity, sigma) count, so the ratio compares the same grid's work.</li>
 * </ul>
 * The normal-rec results are compared with the full-sort kernels on a few cells of each (slice, sigma).
 */
public final class MetricBench {
    private static volatile double sink;

    private MetricBench() {
    }

    /** Per-cell times in µs, and the largest difference to the full-sort kernels. */
    public record Result(long cells, double apMicros, double aurocMicros, double bestDiceMicros, double auproMicros,
                         double pooledApMicros, double pooledApFloat16Micros, long comparedCells,
                         double maxDifference) {
        public double ratio(double micros) {
            return micros / apMicros;
        }
    }

    private record SliceSigma(float[] reference, boolean[] label, float[] rec) {
    }

    public static Result run(Workload w, Sweep grid, int[] sigmaIndices, int[] checkedIntensityIndices) {
        double[] intensities = grid.intensityValues();
        double[] sigmas = grid.sigmaValues();
        List<Double> intensityList = Arrays.stream(intensities).boxed().toList();
        List<List<SliceSigma>> bySigma = new ArrayList<>();
        for (int si = 0; si < sigmaIndices.length; si++) {
            bySigma.add(new ArrayList<>());
        }
        float[] values = null;
        int pixels = w.pixels();
        for (int s = 0; s < w.slices().size(); s++) {
            float[] normal = w.normals().get(s);
            int[] c = w.centres().get(s);
            SynthKernels.DiskVariants v = SynthKernels.disk(w.radius(), normal, w.rows(), w.cols(), c[0], c[1],
                    intensityList);
            float[] l = v.label().data();
            boolean[] label = new boolean[pixels];
            int first = -1;
            for (int i = 0; i < pixels; i++) {
                label[i] = l[i] == 1f;
                first = first < 0 && label[i] ? i : first;
            }
            float[] anomalous = v.anomalous().data();
            values = new float[intensities.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = anomalous[k * pixels + first];      // the disk's value on every label pixel
            }
            for (int si = 0; si < sigmaIndices.length; si++) {
                float[] rec = InferenceKernels.gaussianBlur(sigmas[sigmaIndices[si]], normal, w.rows(), w.cols());
                float[] reference = new float[pixels];
                for (int i = 0; i < pixels; i++) {
                    reference[i] = Math.abs(rec[i] - anomalous[i]);
                }
                bySigma.get(si).add(new SliceSigma(reference, label, rec));
            }
        }
        float[] vals = values;
        int rows = w.rows();
        int cols = w.cols();

        // Exactness: the normal-rec kernels against the full-sort ones on the checked intensities.
        double maxDiff = 0;
        long compared = 0;
        for (List<SliceSigma> slices : bySigma) {
            for (SliceSigma p : slices) {
                MetricKernels.Block block = MetricKernels.normalRecBlock(p.reference(), p.label(), p.rec(), rows, cols);
                for (int k : checkedIntensityIndices) {
                    float[] r = p.reference().clone();
                    for (int i = 0; i < pixels; i++) {
                        if (p.label()[i]) {
                            r[i] = Math.abs(p.rec()[i] - vals[k]);
                        }
                    }
                    float[] one = {vals[k]};
                    maxDiff = Math.max(maxDiff, Math.abs(MetricKernels.apPerIntensity(block, one)[0]
                            - MetricKernels.ap(r, p.label())));
                    maxDiff = Math.max(maxDiff, Math.abs(MetricKernels.aurocPerIntensity(block, one)[0]
                            - MetricKernels.auroc(r, p.label())));
                    maxDiff = Math.max(maxDiff, Math.abs(MetricKernels.bestDicePerIntensity(block, one)[0]
                            - MetricKernels.bestDice(r, p.label()).dice()));
                    maxDiff = Math.max(maxDiff, Math.abs(MetricKernels.auproPerIntensity(block, one)[0]
                            - MetricKernels.aupro(r, p.label(), rows, cols)));
                    compared++;
                }
            }
        }

        long cells = (long) w.slices().size() * sigmaIndices.length * intensities.length;
        double ap = perCell(cells, () -> {
            double acc = 0;
            for (List<SliceSigma> slices : bySigma) {
                for (SliceSigma p : slices) {
                    MetricKernels.Block b = MetricKernels.normalRecBlock(p.reference(), p.label(), p.rec(), rows, cols);
                    acc += sum(MetricKernels.apPerIntensity(b, vals));
                }
            }
            return acc;
        });
        double auroc = perCell(cells, () -> {
            double acc = 0;
            for (List<SliceSigma> slices : bySigma) {
                for (SliceSigma p : slices) {
                    MetricKernels.Block b = MetricKernels.normalRecBlock(p.reference(), p.label(), p.rec(), rows, cols);
                    acc += sum(MetricKernels.aurocPerIntensity(b, vals));
                }
            }
            return acc;
        });
        double dice = perCell(cells, () -> {
            double acc = 0;
            for (List<SliceSigma> slices : bySigma) {
                for (SliceSigma p : slices) {
                    MetricKernels.Block b = MetricKernels.normalRecBlock(p.reference(), p.label(), p.rec(), rows, cols);
                    acc += sum(MetricKernels.bestDicePerIntensity(b, vals));
                }
            }
            return acc;
        });
        double aupro = perCell(cells, () -> {
            double acc = 0;
            for (List<SliceSigma> slices : bySigma) {
                for (SliceSigma p : slices) {
                    MetricKernels.Block b = MetricKernels.normalRecBlock(p.reference(), p.label(), p.rec(), rows, cols);
                    acc += sum(MetricKernels.auproPerIntensity(b, vals));
                }
            }
            return acc;
        });
        double[] pooled = new double[2];
        for (int f = 0; f < 2; f++) {
            boolean float16 = f == 1;
            pooled[f] = perCell(cells, () -> {
                double acc = 0;
                for (List<SliceSigma> slices : bySigma) {
                    acc += sum(MetricKernels.pooledApPerIntensity(slices.stream().map(SliceSigma::reference).toList(),
                            slices.stream().map(SliceSigma::label).toList(),
                            slices.stream().map(SliceSigma::rec).toList(), vals, float16));
                }
                return acc;
            });
        }
        return new Result(cells, ap, auroc, dice, aupro, pooled[0], pooled[1], compared, maxDiff);
    }

    private interface Work {
        double run();
    }

    private static double perCell(long cells, Work work) {
        return KernelBench.medianNanos(() -> {
            double v = work.run();
            sink += v;
            return Double.doubleToRawLongBits(v);
        }) / cells / 1e3;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
