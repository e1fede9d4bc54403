package io.blindspot.support.health;

import io.blindspot.contracts.store.ObjectStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness {@value #NAME}: the service's bucket answers a listing of {@code probePrefix}. A listing, not a stat of
 * one key, because a stat of a missing key and of a missing bucket both read as "not there" (the store reports
 * NoSuchBucket as not-found), while a listing fails when the bucket is gone. The prefix holds no objects, so the
 * probe is one request whatever the bucket holds. Unreachable store, refused credentials or missing bucket: DOWN
 * with the store's message, and Kubernetes stops sending traffic until it is back.
 *
 * <p>A store that does not answer at all (a dropped connection waits out the client's minutes-long timeouts) is
 * DOWN after {@link #DEFAULT_TIMEOUT}: the probe runs on a thread of its own, and while one is still waiting the
 * next check waits on the same one instead of starting another, so a hung store holds one thread, not one per
 * probe.
 *
 * <p>Each service subclasses it as a {@code @Readiness @Singleton} bean (the annotations must sit on the bean
 * class for SmallRye Health to find it; {@code @Singleton} because this class has no no-args constructor for a
 * client proxy).
 */
public abstract class ObjectStoreReadiness implements HealthCheck {
    public static final String NAME = "object-store";
    /** Below Kubernetes' probe time-outs as the manifests set them, so the answer is DOWN, not a probe time-out. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final ObjectStore store;
    private final String probePrefix;
    private final Duration timeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "object-store-readiness");
        t.setDaemon(true);
        return t;
    });
    private Future<?> inFlight;

    /** @param probePrefix a prefix of the bucket under which nothing is stored, e.g. {@code health/ingest/} */
    protected ObjectStoreReadiness(ObjectStore store, String probePrefix) {
        this(store, probePrefix, DEFAULT_TIMEOUT);
    }

    protected ObjectStoreReadiness(ObjectStore store, String probePrefix, Duration timeout) {
        this.store = store;
        this.probePrefix = probePrefix;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            probe().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up().withData("bucket", store.bucket()).build();
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return down("no answer from the object store within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private synchronized Future<?> probe() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = prober.submit(() -> store.list(probePrefix));
        }
        return inFlight;
    }

    private HealthCheckResponse down(String error) {
        return HealthCheckResponse.named(NAME).down().withData("bucket", store.bucket()).withData("error", error)
                .build();
    }
}
