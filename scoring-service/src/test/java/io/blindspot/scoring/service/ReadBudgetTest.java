package io.blindspot.scoring.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadBudgetTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void smallReadsTakeOneMibAndLargeOnesTheirSize() {
        ReadBudget budget = new ReadBudget(64);
        // a normal-rec reconstruction of 181 x 217: 12 x 39,277 bytes = 0.45 MiB -> 1
        try (ReadBudget.Reservation r = budget.reserve(ReadBudget.bytesOf(181 * 217))) {
            assertThat(budget.available()).isEqualTo(63);
        }
        // 100 variants of it: 47.1 MB = 44.95 MiB -> 45
        try (ReadBudget.Reservation r = budget.reserve(ReadBudget.bytesOf(100L * 181 * 217))) {
            assertThat(budget.available()).isEqualTo(19);
        }
        assertThat(budget.available()).isEqualTo(64);
        // more than the whole budget: capped, so it still proceeds (alone)
        try (ReadBudget.Reservation r = budget.reserve(1000 * MIB)) {
            assertThat(budget.available()).isZero();
        }
    }

    @Test
    void aReadWaitsUntilTheBudgetIsFree() throws Exception {
        ReadBudget budget = new ReadBudget(10);
        ReadBudget.Reservation first = budget.reserve(8 * MIB);
        CountDownLatch second = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (ReadBudget.Reservation r = budget.reserve(5 * MIB)) {
                second.countDown();
            }
        });
        t.start();
        assertThat(second.await(200, TimeUnit.MILLISECONDS)).isFalse();
        first.close();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        t.join();
    }
}
