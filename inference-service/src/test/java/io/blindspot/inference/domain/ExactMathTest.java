package io.blindspot.inference.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactMathTest {

    @Test
    void expIsCorrectlyRoundedWhereMathExpIsNot() {
        // sigma = linspace(0, 5, 100)[7] = 0.35353535353535354, x = ±1: the kernel argument -4.000408163265306.
        // numpy (glibc) and the exact value round to 0.018308164643219178; fdlibm's StrictMath.exp (and, on the
        // JVM this was written on, Math.exp) gives ...174, one ulp low.
        double arg = -4.000408163265306;
        assertThat(ExactMath.exp(arg)).isEqualTo(0.018308164643219178);
        assertThat(StrictMath.exp(arg)).isEqualTo(0.018308164643219174);
    }

    @Test
    void expOfSimpleArguments() {
        assertThat(ExactMath.exp(0.0)).isEqualTo(1.0);
        assertThat(ExactMath.exp(-2.0)).isEqualTo(0x1.152aaa3bf81ccp-3);
        assertThat(ExactMath.exp(-8.0)).isEqualTo(0.00033546262790251185);
        assertThat(ExactMath.exp(1.0)).isEqualTo(Math.E);
        assertThat(ExactMath.exp(-800.0)).isZero();
        assertThat(ExactMath.exp(800.0)).isInfinite();
        assertThat(ExactMath.exp(Double.NaN)).isNaN();
    }

    @Test
    void fewerThanEightValuesAreSummedInOrder() {
        // 2^53 + 1 is a tie that rounds back to 2^53 (even), so adding 1 six times in order changes nothing.
        double big = 0x1p53;
        assertThat(ExactMath.pairwiseSum(new double[] {big, 1, 1, 1, 1, 1, 1})).isEqualTo(big);
    }

    @Test
    void eightOrMoreValuesUseNumpysEightPartialSums() {
        // n = 9: r0..r7 = a[0..7] (no full block after them), res = ((r0+r1)+(r2+r3)) + ((r4+r5)+(r6+r7))
        //   = ((2^53 + 1 -> 2^53) + 2) + (2 + 2) = 2^53 + 6; then the tail a[8]: 2^53 + 7 is a tie between
        //   2^53 + 6 (odd last mantissa bit) and 2^53 + 8 (even) -> 2^53 + 8. numpy: 9007199254741000.0.
        // Summed in order every +1 would vanish: 2^53.
        double big = 0x1p53;
        assertThat(ExactMath.pairwiseSum(new double[] {big, 1, 1, 1, 1, 1, 1, 1, 1})).isEqualTo(big + 8);
    }

    @Test
    void longArraysSplitInHalvesLikeNumpy() {
        // numpy: (1.0 / np.arange(1, 301)).sum() = 6.282663880299504 (in-order sum: 6.282663880299502).
        double[] a = new double[300];
        for (int i = 0; i < 300; i++) {
            a[i] = 1.0 / (i + 1);
        }
        assertThat(ExactMath.pairwiseSum(a)).isEqualTo(6.282663880299504);
    }
}
