package io.blindspot.inference.service;

import io.blindspot.support.retry.HandedBackException;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.retry.RetryListener;
import io.blindspot.support.retry.TransientFaults;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers the models shipped in the image ({@code blindspot.inference.models.bundled-dir}, the Dockerfiles'
 * /deployments/models) at start, so that a fresh deployment can run the {@code onnx:} presets without an upload.
 *
 * <p>The first pass runs during start, as before. When the object store is out of reach then (a fresh cluster
 * where MinIO starts after the service, a network blip), the pass is not given up: it runs again in the
 * background with the service's backoff ({@code blindspot.retry.*}, without the total bound) until the store
 * answers or the service stops; each pass skips the names already registered. Meanwhile {@link #pending()} is
 * true and the readiness check {@code bundled-models} is DOWN.
 */
public final class BundledModels {
    private static final Logger LOG = Logger.getLogger(BundledModels.class);

    private final ModelService models;
    private final Retrier retrier;
    private volatile boolean pending;
    private volatile String lastFault;
    private volatile Thread background;

    public BundledModels(ModelService models, Retrier retrier) {
        this.models = models;
        this.retrier = retrier;
    }

    /** Registers the models in {@code dir}, in the background after a transient fault. */
    public void start(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.warnf("blindspot.inference.models.bundled-dir %s is not a folder; no models bundled", dir);
            return;
        }
        try {
            List<String> added = models.registerBundled(dir, TransientFaults::isTransient);
            LOG.infof("bundled models from %s: registered %s", dir, added);
        } catch (RuntimeException e) {
            lastFault = TransientFaults.classify(e).map(Object::toString).orElse(e.getMessage());
            pending = true;
            LOG.warnf("bundled models from %s not registered yet (%s); retrying in the background", dir,
                    lastFault);
            background = Thread.ofVirtual().name("bundled-models").start(() -> retry(dir));
        }
    }

    private void retry(Path dir) {
        try {
            List<String> added = retrier.forever().call("bundled models from " + dir, new RetryListener() {
                @Override
                public void retrying(TransientFaults.Fault fault, java.time.Instant since, int attempt,
                                     long delayMillis) {
                    lastFault = fault.toString();
                }
            }, () -> models.registerBundled(dir, TransientFaults::isTransient));
            LOG.infof("bundled models from %s: registered %s", dir, added);
            lastFault = null;
        } catch (HandedBackException e) {
            LOG.infof("bundled models from %s: not registered, the service is stopping", dir);
        } catch (RuntimeException e) {
            // not transient after all (the retrier only retries transient faults): the API can still register them
            lastFault = e.getMessage();
            LOG.errorf("bundled models from %s not registered: %s", dir, e.getMessage());
        } finally {
            pending = false;
        }
    }

    /** Whether a background pass is still waiting for the object store. */
    public boolean pending() {
        return pending;
    }

    /** The last fault that stopped a pass, null when the last pass went through. */
    public String lastFault() {
        return lastFault;
    }

    /** For tests: waits for the background pass, if any. */
    void await() throws InterruptedException {
        Thread thread = background;
        if (thread != null) {
            thread.join();
        }
    }
}
