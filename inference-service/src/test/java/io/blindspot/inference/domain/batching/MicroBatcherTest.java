package io.blindspot.inference.domain.batching;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batcher on integers: the operation multiplies each item by 10 and records the runs it was given, so the
 * runs and every result are known exactly. A long wait (10 s) makes run boundaries deterministic: a run then
 * starts only when it is full, and the tests finish long before the wait would end.
 */
class MicroBatcherTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    private final List<List<Integer>> runs = Collections.synchronizedList(new ArrayList<>());
    private final List<int[]> listened = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> runStarts = Collections.synchronizedList(new ArrayList<>());
    private MicroBatcher<Integer, Integer> batcher;

    /** x -> 10x; fails the whole run when it holds a negative item. */
    private List<Integer> times10(List<Integer> items) {
        runStarts.add(System.nanoTime());
        runs.add(List.copyOf(items));
        if (items.stream().anyMatch(i -> i < 0)) {
            throw new IllegalStateException("boom " + items);
        }
        return items.stream().map(i -> 10 * i).toList();
    }

    private MicroBatcher<Integer, Integer> batcher(int size, Duration maxWait) {
        batcher = new MicroBatcher<>("test", new BatchPolicy(size, maxWait), this::times10,
                (items, requests, nanos, failed) -> listened.add(new int[] {items, requests, failed ? 1 : 0}));
        return batcher;
    }

    @AfterEach
    void close() {
        if (batcher != null) {
            batcher.close();
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void twoCallersShareOneRun() throws Exception {
        // size 2: A's one item waits (up to 10 s) until B's one item fills the run; both complete from run [1, 2].
        MicroBatcher<Integer, Integer> b = batcher(2, LONG);
        long t0 = System.nanoTime();
        CompletableFuture<List<Integer>> a = b.submit(List.of(1));
        CompletableFuture<List<Integer>> c = b.submit(List.of(2));
        assertThat(get(a)).containsExactly(10);
        assertThat(get(c)).containsExactly(20);
        assertThat(runs).containsExactly(List.of(1, 2));
        assertThat(listened).hasSize(1);
        assertThat(listened.get(0)).containsExactly(2, 2, 0); // 2 items from 2 requests, not failed
        assertThat(System.nanoTime() - t0).as("a full run does not wait").isLessThan(LONG.toNanos() / 2);
    }

    @Test
    void concurrentThreadsShareRuns() throws Exception {
        // 4 threads, 3 items each, size 4: 12 items in runs of 4 whatever the interleaving (the wait is long, so
        // no run starts before it is full), every thread gets its own 3 results in its own order.
        MicroBatcher<Integer, Integer> b = batcher(4, LONG);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Integer>>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            CompletableFuture<List<Integer>> slot = new CompletableFuture<>();
            results.add(slot);
            int base = 100 * t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    slot.complete(b.submit(List.of(base + 1, base + 2, base + 3)).join());
                } catch (Exception e) {
                    slot.completeExceptionally(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (int t = 0; t < 4; t++) {
            assertThat(get(results.get(t))).containsExactly(1000 * t + 10, 1000 * t + 20, 1000 * t + 30);
        }
        assertThat(runs).hasSize(3).allSatisfy(run -> assertThat(run).hasSize(4));
        assertThat(listened.stream().mapToInt(l -> l[1]).max().orElseThrow())
                .as("some run holds items of two threads (12 items of 3 in runs of 4)").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRequestSpansRunsAndGetsItsResultsInOrder() throws Exception {
        MicroBatcher<Integer, Integer> b = batcher(3, Duration.ZERO);
        assertThat(get(b.submit(List.of(1, 2, 3, 4, 5, 6, 7)))).containsExactly(10, 20, 30, 40, 50, 60, 70);
        // how the 7 items split depends on how fast they were queued; never more than 3 per run, none lost
        assertThat(runs).allSatisfy(run -> assertThat(run).hasSizeLessThanOrEqualTo(3));
        assertThat(runs.stream().flatMap(List::stream).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aLoneItemWaitsMaxWaitThenRunsAlone() throws Exception {
        // size 32, wait 300 ms, nobody else comes: the run starts no earlier than 300 ms after the submit.
        MicroBatcher<Integer, Integer> b = batcher(32, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThat(get(b.submit(List.of(7)))).containsExactly(70);
        long waited = runStarts.get(0) - t0;
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(waited).as("and not much later").isLessThan(Duration.ofSeconds(3).toNanos());
        assertThat(runs).containsExactly(List.of(7));
    }

    @Test
    void anItemArrivingWithinTheWaitJoinsTheRun() throws Exception {
        // wait 2 s: the second item comes ~100 ms after the first and joins its run; the run is not full (size 32),
        // so it starts when the first item's 2 s are over.
        MicroBatcher<Integer, Integer> b = batcher(32, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        CompletableFuture<List<Integer>> first = b.submit(List.of(1));
        Thread.sleep(100);
        CompletableFuture<List<Integer>> second = b.submit(List.of(2));
        assertThat(get(first)).containsExactly(10);
        assertThat(get(second)).containsExactly(20);
        assertThat(runs).containsExactly(List.of(1, 2));
        assertThat(runStarts.get(0) - t0).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void withoutWaitALoneItemRunsAtOnce() throws Exception {
        MicroBatcher<Integer, Integer> b = batcher(32, Duration.ZERO);
        long t0 = System.nanoTime();
        assertThat(get(b.submit(List.of(3)))).containsExactly(30);
        assertThat(runStarts.get(0) - t0).as("no 20 ms wait, only thread start-up").isLessThan(
                Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aFailingRunFailsOnlyItsCallers() throws Exception {
        // size 2: run 1 = A's [1, 2] (ok); run 2 = B's [-1] + C's [3] fails; run 3 = D's [4] + E's [5] (ok).
        MicroBatcher<Integer, Integer> b = batcher(2, LONG);
        CompletableFuture<List<Integer>> a = b.submit(List.of(1, 2));
        CompletableFuture<List<Integer>> bad = b.submit(List.of(-1));
        CompletableFuture<List<Integer>> c = b.submit(List.of(3));
        CompletableFuture<List<Integer>> d = b.submit(List.of(4));
        CompletableFuture<List<Integer>> e = b.submit(List.of(5));
        assertThat(get(a)).containsExactly(10, 20);
        for (CompletableFuture<List<Integer>> failed : List.of(bad, c)) {
            assertThatThrownBy(() -> get(failed)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom [-1, 3]");
        }
        assertThat(get(d)).containsExactly(40);
        assertThat(get(e)).containsExactly(50);
        assertThat(runs).containsExactly(List.of(1, 2), List.of(-1, 3), List.of(4, 5));
        assertThat(listened.stream().map(l -> l[2]).toList()).containsExactly(0, 1, 0);
    }

    @Test
    void theRestOfAFailedRequestIsSkipped() throws Exception {
        // size 2: A = [1, -1, 2] fails in run [1, -1]; its item 2 is dropped, so B's [3] runs alone after the wait.
        MicroBatcher<Integer, Integer> b = batcher(2, Duration.ofMillis(100));
        CompletableFuture<List<Integer>> a = b.submit(List.of(1, -1, 2));
        assertThatThrownBy(() -> get(a)).cause().hasMessage("boom [1, -1]");
        CompletableFuture<List<Integer>> later = b.submit(List.of(3));
        assertThat(get(later)).containsExactly(30);
        assertThat(runs).containsExactly(List.of(1, -1), List.of(3));
    }

    @Test
    void aWrongNumberOfResultsFailsTheRun() {
        // No results at all, whatever the run: with no wait the worker may take the request's first item before
        // its second is queued, so the run holds 1 or 2 items.
        batcher = new MicroBatcher<>("short", BatchPolicy.immediate(4), items -> List.of(), null);
        assertThatThrownBy(() -> get(batcher.submit(List.of(1, 2)))).cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("batch 'short' returned 0 results for [12] items");
    }

    @Test
    void anEmptyRequestCompletesAtOnce() throws Exception {
        assertThat(get(batcher(2, LONG).submit(List.of()))).isEmpty();
        assertThat(runs).isEmpty();
    }

    @Test
    void closingFailsWhatIsQueuedAndLaterRequests() {
        MicroBatcher<Integer, Integer> b = batcher(2, LONG);
        CompletableFuture<List<Integer>> waiting = b.submit(List.of(1)); // waits for a partner that never comes
        b.close();
        assertThatThrownBy(() -> get(waiting)).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("batcher 'test' is closed");
        assertThatThrownBy(() -> get(b.submit(List.of(2)))).cause().hasMessage("batcher 'test' is closed");
        assertThat(runs).isEmpty();
    }

    @Test
    void thePolicyIsChecked() {
        assertThatThrownBy(() -> new BatchPolicy(0, Duration.ZERO))
                .hasMessage("blindspot.inference.batch.size must be >= 1, got 0");
        assertThatThrownBy(() -> new BatchPolicy(1, Duration.ofMillis(-1)))
                .hasMessage("blindspot.inference.batch.max-wait must be >= 0, got PT-0.001S");
    }
}
