package io.blindspot.inference.service;

import io.blindspot.contracts.store.ObjectStoreException;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.inference.domain.onnx.TestModels;
import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Retrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped models reach the store even when it is out of reach at start. */
class BundledModelsTest {
    /** The models/ folder of an object store that refuses connections for its first {@code failures} calls. */
    static final class FlakyStore extends InMemoryModelStore {
        final AtomicInteger failures;

        FlakyStore(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        private void maybeFail() {
            if (failures.getAndDecrement() > 0) {
                throw new ObjectStoreException("cannot reach http://minio:9000",
                        new ConnectException("Connection refused"));
            }
        }

        @Override
        public boolean exists(String name) {
            maybeFail();
            return super.exists(name);
        }

        @Override
        public Optional<byte[]> read(String name) {
            maybeFail();
            return super.read(name);
        }
    }

    private final List<Long> sleeps = new ArrayList<>();
    private final Retrier retrier = new Retrier(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15),
            Duration.ofSeconds(1)), System::nanoTime, Clock.systemUTC(), () -> 0.0, nanos -> {
        synchronized (sleeps) {
            sleeps.add(nanos);
        }
        return true; // no real wait
    });
    private ModelRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private static Path models(Path dir) throws IOException {
        Files.write(dir.resolve("scale2.onnx"), TestModels.bytes("scale2-8x8.onnx"));
        Files.write(dir.resolve("position.onnx"), TestModels.bytes("position-8x8.onnx"));
        Files.write(dir.resolve("bad.onnx"), TestModels.bytes("int64-input.onnx"));
        return dir;
    }

    @Test
    void aReachableStoreGetsTheModelsDuringStart(@TempDir Path dir) throws Exception {
        InMemoryModelStore store = new InMemoryModelStore();
        registry = new ModelRegistry(store, TestModels.CPU, 32);
        BundledModels bundled = new BundledModels(new ModelService(registry), retrier);

        bundled.start(models(dir));

        assertThat(store.files).containsOnlyKeys("scale2", "position"); // bad.onnx breaks the contract: skipped
        assertThat(bundled.pending()).isFalse();
        assertThat(bundled.lastFault()).isNull();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anUnreachableStoreIsWaitedOutInTheBackgroundWithBackoff(@TempDir Path dir) throws Exception {
        // 12 refusals: longer than blindspot.retry.max-duration (1 s here), which does not bound this wait
        FlakyStore store = new FlakyStore(12);
        registry = new ModelRegistry(store, TestModels.CPU, 32);
        CountDownLatch release = new CountDownLatch(1);
        Retrier gated = new Retrier(retrier.backoff(), System::nanoTime, Clock.systemUTC(), () -> 0.0, nanos -> {
            release.await(); // holds the first wait so that the pending state can be seen
            synchronized (sleeps) {
                sleeps.add(nanos);
            }
            return true;
        });
        BundledModels bundled = new BundledModels(new ModelService(registry), gated);

        bundled.start(models(dir)); // returns: the service starts although the store is out of reach

        assertThat(bundled.pending()).isTrue();
        assertThat(bundled.lastFault()).startsWith("object store: cannot reach http://minio:9000");
        assertThat(store.files).isEmpty();
        release.countDown();
        bundled.await();

        assertThat(bundled.pending()).isFalse();
        assertThat(bundled.lastFault()).isNull();
        assertThat(store.files).containsOnlyKeys("scale2", "position");
        // one refusal at start, then 11 waits growing from 250 ms (equal jitter, draw 0) to the 7.5 s cap
        assertThat(sleeps).hasSize(11);
        assertThat(TimeUnit.NANOSECONDS.toMillis(sleeps.get(0))).isEqualTo(250);
        assertThat(TimeUnit.NANOSECONDS.toMillis(sleeps.get(1))).isEqualTo(500);
        assertThat(TimeUnit.NANOSECONDS.toMillis(sleeps.get(10))).isEqualTo(7500);
    }

    @Test
    void aStopEndsTheWait(@TempDir Path dir) throws Exception {
        registry = new ModelRegistry(new FlakyStore(Integer.MAX_VALUE), TestModels.CPU, 32);
        Retrier stoppable = new Retrier(retrier.backoff());
        BundledModels bundled = new BundledModels(new ModelService(registry), stoppable);

        bundled.start(models(dir));
        assertThat(bundled.pending()).isTrue();
        stoppable.stop();
        bundled.await();

        assertThat(bundled.pending()).isFalse();
    }

    @Test
    void noFolderNoModels(@TempDir Path dir) {
        InMemoryModelStore store = new InMemoryModelStore();
        registry = new ModelRegistry(store, TestModels.CPU, 32);
        BundledModels bundled = new BundledModels(new ModelService(registry), retrier);

        bundled.start(dir.resolve("missing"));

        assertThat(store.files).isEmpty();
        assertThat(bundled.pending()).isFalse();
    }
}
