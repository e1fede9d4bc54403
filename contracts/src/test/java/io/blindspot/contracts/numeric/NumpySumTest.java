package io.blindspot.contracts.numeric;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NumpySumTest {

    @Test
    void sumFollowsNumpysBlocking() {
        // Below 8 values: left to right from 0.0. 1e16 + 1 + 1 loses both ones one at a time.
        assertThat(NumpySum.sum(new double[] {1e16, 1, 1}, 0, 3)).isEqualTo(1e16);
        // 8 values: r0..r7 = the values, combined ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)):
        // (1e16 + 1) + (1 + 1) = 1e16 + 2, where left to right would give 1e16 (each 1 is lost on its own).
        double[] eight = {1e16, 1, 1, 1, 0, 0, 0, 0};
        assertThat(NumpySum.sum(eight, 0, 8)).isEqualTo(1e16 + 2);
        // 8193 values, 1e16 first and ones at 8191 and 8192: numpy reduces in 8192-value chunks, so the last 1
        // is added alone to 1e16 (lost) after the first chunk's 1e16 + 1 (lost): np.sum gives 1e16. One
        // pairwise pass over all 8193 would have added the two ones together first: 1e16 + 2.
        double[] chunked = new double[8193];
        chunked[0] = 1e16;
        chunked[8191] = 1;
        chunked[8192] = 1;
        assertThat(NumpySum.sum(chunked, 0, 8193)).isEqualTo(1e16);
    }

    @Test
    void sparseSumEqualsTheDenseSumWithItsZeros() {
        // The hand cases above, given as their non-zero values only.
        assertThat(NumpySum.sparseSum(new int[] {0, 1, 2, 3}, new double[] {1e16, 1, 1, 1}, 4, 8))
                .isEqualTo(1e16 + 2);
        assertThat(NumpySum.sparseSum(new int[] {0, 8191, 8192}, new double[] {1e16, 1, 1}, 3,
                8193)).isEqualTo(1e16);
        assertThat(NumpySum.sparseSum(new int[0], new double[0], 0, 100)).isEqualTo(0.0);
        // Random lengths (up to three numpy chunks) and magnitudes spread over 16 decades, so that a different
        // addition order would show in the last bits: identical bits to the dense sum.
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int length = 1 + random.nextInt(round % 3 == 0 ? 20_000 : 300);
            double[] dense = new double[length];
            int[] positions = new int[length];
            double[] values = new double[length];
            int count = 0;
            double density = random.nextDouble() * random.nextDouble();
            for (int i = 0; i < length; i++) {
                if (random.nextDouble() < density) {
                    dense[i] = random.nextDouble() * Math.pow(10, random.nextInt(17) - 8);
                    positions[count] = i;
                    values[count++] = dense[i];
                }
            }
            assertThat(NumpySum.sparseSum(positions, values, count, length))
                    .as("round %d", round)
                    .isEqualTo(NumpySum.sum(dense, 0, length));
        }
    }
}
