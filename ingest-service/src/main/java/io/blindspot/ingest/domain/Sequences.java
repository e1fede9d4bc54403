package io.blindspot.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The generated lists a spec may use instead of writing numbers out: numpy's {@code linspace} and Python's
 * {@code range}, reproduced bit for bit so that {@code linspace(0, 1, 100)} here is the very grid the paper
 * and the golden file use.
 */
public final class Sequences {
    private Sequences() {
    }

    /**
     * {@code numpy.linspace(start, stop, num)} of numpy 1.24 with {@code endpoint=True}, value for value:
     * {@code step = (stop - start) / (num - 1)}, {@code value[i] = i * step + start} (two roundings, as numpy's
     * {@code y * step; y += start}), and the last value replaced by {@code stop}. When the step rounds to 0 numpy
     * computes {@code (i / (num - 1)) * (stop - start) + start} instead (all {@code start} when start == stop);
     * num = 1 gives {@code [start]}, num = 0 an empty list.
     *
     * @throws IllegalArgumentException for a negative {@code num}
     */
    public static double[] linspace(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("number of samples, " + num + ", must be non-negative");
        }
        double[] y = new double[num];
        int div = num - 1;
        double delta = stop - start;
        if (div > 0) {
            double step = delta / div;
            for (int i = 0; i < num; i++) {
                y[i] = step == 0 ? ((double) i / div) * delta + start : i * step + start;
            }
            y[num - 1] = stop;
        } else if (num == 1) {
            // numpy: y = arange(1) * delta + start
            y[0] = 0.0 * delta + start;
        }
        return y;
    }

    /**
     * Python's {@code list(range(start, stop, step))}.
     *
     * @throws IllegalArgumentException when {@code step} is 0, or the range holds more than {@code limit} values
     */
    public static List<Long> range(long start, long stop, long step, int limit) {
        if (step == 0) {
            throw new IllegalArgumentException("range() step must not be zero");
        }
        List<Long> out = new ArrayList<>();
        for (long v = start; step > 0 ? v < stop : v > stop; v += step) {
            if (out.size() == limit) {
                throw new IllegalArgumentException("range holds more than " + limit + " values");
            }
            out.add(v);
            if (step > 0 ? v > Long.MAX_VALUE - step : v < Long.MIN_VALUE - step) {
                break;
            }
        }
        return out;
    }
}
