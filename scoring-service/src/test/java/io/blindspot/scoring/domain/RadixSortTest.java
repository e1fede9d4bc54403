package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RadixSortTest {

    @Test
    void sortsSignedKeysInAscendingOrder() {
        // negative, zero, positive and extreme keys (the sign bit is flipped for the digits)
        int[] keys = {5, -1, Integer.MAX_VALUE, 0, Integer.MIN_VALUE, 3, -7, 3};
        RadixSort.sort(keys, keys.length);
        assertThat(keys).containsExactly(Integer.MIN_VALUE, -7, -1, 0, 3, 3, 5, Integer.MAX_VALUE);
    }

    @Test
    void sortsOnlyThePrefix() {
        int[] keys = {3, 1, 2, 0};
        RadixSort.sort(keys, 3);
        assertThat(keys).containsExactly(1, 2, 3, 0);
    }

    @Test
    void agreesWithArraysSortOnLargeInputs() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            int n = 64 + random.nextInt(50_000);
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) {
                // residual-like keys (floats in [0, 1), many zeros) in half the rounds, any int in the others
                keys[i] = round % 2 == 0
                        ? (random.nextInt(4) == 0 ? 0 : Float.floatToRawIntBits(random.nextFloat()))
                        : random.nextInt();
            }
            int[] expected = keys.clone();
            Arrays.sort(expected);
            RadixSort.sort(keys, n);
            assertThat(keys).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void keysThatShareEveryDigitStayAsTheyAre() {
        int[] keys = new int[100];
        Arrays.fill(keys, 42);
        RadixSort.sort(keys, keys.length);
        assertThat(keys).containsOnly(42);
    }
}
