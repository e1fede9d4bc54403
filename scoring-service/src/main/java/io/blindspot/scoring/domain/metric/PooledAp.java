package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;

import java.util.ArrayList;
import java.util.List;

/**
 * Pooled AP ({@code pooled} aggregation, as the MOOD challenge evaluates): one AP over every pixel of every slice
 * (and volume) at once, equal bit for bit to scikit-learn's {@code average_precision_score} on the concatenated
 * pixels. Two ways, both exact:
 * <ul>
 *   <li>{@link #of}: the per-slice {@link ThresholdTable}s merged (no second sort of the pixels);</li>
 *   <li>{@link #normalRec}: for normal-rec grids, where the negatives of a (slice, sigma) are shared by all
 *       intensities, the slices' negatives pooled once into the AP kernel's sorted structure and each cell's
 *       positives added as groups ({@link IncrementalAveragePrecision#apOfGroups}).</li>
 * </ul>
 *
 * <p>MOOD's rounding: MOOD's evaluation reads predictions as float16. With {@code float16} every score is first
 * rounded to IEEE half precision, round half to even ({@link Float#floatToFloat16}; numpy's
 * {@code astype(np.float16)}): residuals that differ by less than the half's spacing (2^-11 relative, 2^-24 near 0)
 * then tie, and ties share one threshold — which can raise or lower the AP; values above 65504 become +inf.
 */
public final class PooledAp {
    private PooledAp() {
    }

    /** IEEE half precision, round half to even, back in a float (exact). */
    public static float toFloat16(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    /** A copy with every score rounded to float16. */
    public static float[] toFloat16(float[] scores) {
        float[] out = new float[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toFloat16(scores[i]);
        }
        return out;
    }

    /** The AP of all the maps' pixels together; a map may be listed several times (it then counts as often). */
    public static double of(List<float[]> scores, List<boolean[]> positive, boolean float16) {
        if (scores.size() != positive.size()) {
            throw new IllegalArgumentException(scores.size() + " maps but " + positive.size() + " labels");
        }
        List<ThresholdTable> tables = new ArrayList<>();
        for (int s = 0; s < scores.size(); s++) {
            tables.add(ThresholdTable.of(float16 ? toFloat16(scores.get(s)) : scores.get(s), positive.get(s)));
        }
        return ThresholdTable.merge(tables).averagePrecision();
    }

    /**
     * The shared negatives of several slices for one sigma, pooled: the negatives of each slice's reference
     * residual map, in one sorted structure.
     *
     * @param residuals each slice's residual map (normal-rec: the negatives are the same for every intensity)
     * @param labels    each slice's label
     */
    public static IncrementalAveragePrecision pooledNegatives(List<float[]> residuals, List<boolean[]> labels,
                                                              boolean float16) {
        int total = 0;
        for (int s = 0; s < residuals.size(); s++) {
            for (boolean b : labels.get(s)) {
                total += b ? 0 : 1;
            }
        }
        float[] all = new float[total];
        int o = 0;
        for (int s = 0; s < residuals.size(); s++) {
            float[] r = residuals.get(s);
            boolean[] l = labels.get(s);
            for (int i = 0; i < r.length; i++) {
                if (!l[i]) {
                    all[o++] = float16 ? toFloat16(r[i]) : r[i];
                }
            }
        }
        return new IncrementalAveragePrecision(all);
    }

    /**
     * The pooled AP of one cell: the pooled negatives and each slice's positives as descending groups
     * ({@link io.blindspot.scoring.domain.LabelResiduals#descendingGroups}), merged here into the groups of the
     * union (with float16, the keys are rounded first: rounding is monotone, so the order holds and groups may
     * merge).
     *
     * @param values   per slice, its distinct positive keys, highest first
     * @param ends     per slice, positives at or above each key
     * @param distinct per slice, how many keys
     */
    public static double normalRec(IncrementalAveragePrecision pooledNegatives, int[][] values, int[][] ends,
                                   int[] distinct, boolean float16, IncrementalAveragePrecision.Workspace w) {
        int slices = values.length;
        Groups[] parts = new Groups[slices];
        int total = 0;
        for (int s = 0; s < slices; s++) {
            parts[s] = Groups.of(values[s], ends[s], distinct[s], float16);
            total += parts[s].total();
        }
        Groups all = slices == 0 ? new Groups(new int[0], new int[0], 0) : merge(parts, 0, slices);
        // apOfGroups wants cumulative counts: positives at or above each key.
        int[] cumulative = new int[all.size];
        int running = 0;
        for (int g = 0; g < all.size; g++) {
            running += all.counts[g];
            cumulative[g] = running;
        }
        return pooledNegatives.apOfGroups(all.keys, cumulative, all.size, total, w);
    }

    /** Distinct keys, highest first, and how many positives hold each. */
    private record Groups(int[] keys, int[] counts, int size) {
        static Groups of(int[] values, int[] ends, int distinct, boolean float16) {
            int[] keys = new int[distinct];
            int[] counts = new int[distinct];
            int size = 0;
            for (int g = 0; g < distinct; g++) {
                int key = rounded(values[g], float16);
                int count = ends[g] - (g == 0 ? 0 : ends[g - 1]);
                if (size > 0 && keys[size - 1] == key) {
                    counts[size - 1] += count;     // rounding to float16 merged two groups
                } else {
                    keys[size] = key;
                    counts[size++] = count;
                }
            }
            return new Groups(keys, counts, size);
        }

        int total() {
            int t = 0;
            for (int g = 0; g < size; g++) {
                t += counts[g];
            }
            return t;
        }
    }

    /** Balanced pairwise merge of parts[from, to): O(groups · log slices). */
    private static Groups merge(Groups[] parts, int from, int to) {
        if (to - from == 1) {
            return parts[from];
        }
        int mid = (from + to) >>> 1;
        Groups a = merge(parts, from, mid);
        Groups b = merge(parts, mid, to);
        int[] keys = new int[a.size + b.size];
        int[] counts = new int[a.size + b.size];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < a.size || j < b.size) {
            if (j >= b.size || (i < a.size && a.keys[i] > b.keys[j])) {
                keys[o] = a.keys[i];
                counts[o++] = a.counts[i++];
            } else if (i >= a.size || b.keys[j] > a.keys[i]) {
                keys[o] = b.keys[j];
                counts[o++] = b.counts[j++];
            } else {
                keys[o] = a.keys[i];
                counts[o++] = a.counts[i++] + b.counts[j++];
            }
        }
        return new Groups(keys, counts, o);
    }

    private static int rounded(int key, boolean float16) {
        return float16 ? Scores.key(toFloat16(Scores.fromSortableBits(key)), 0) : key;
    }
}
