package io.blindspot.inference.config;

import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.inference.domain.onnx.OnnxHeader;
import io.blindspot.inference.domain.onnx.OnnxSessions;
import io.blindspot.inference.domain.onnx.ProviderConfig;
import io.blindspot.inference.domain.onnx.ProviderStatus;
import io.blindspot.inference.service.BundledModels;
import io.blindspot.inference.service.ModelService;
import io.blindspot.inference.domain.onnx.ModelStore;
import io.blindspot.support.retry.Retrier;
import io.blindspot.inference.domain.batching.BatchPolicy;
import io.blindspot.inference.domain.batching.MicroBatcher;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ONNX Runtime for the service: the sessions factory (execution provider chosen once, at start) and the model
 * registry, plus the provider's metrics.
 */
@ApplicationScoped
public class OnnxProducer {
    private static final Logger LOG = Logger.getLogger(OnnxProducer.class);

    @Produces
    @Singleton
    OnnxSessions onnxSessions(InferenceConfig config) {
        int threads = config.cpu().intraOpThreads().orElse(Runtime.getRuntime().availableProcessors());
        return new OnnxSessions(new ProviderConfig(config.provider(), config.cuda().deviceId(), threads,
                config.cpu().arena()));
    }

    @Produces
    @Singleton
    ModelRegistry modelRegistry(ModelStore store, OnnxSessions sessions, InferenceConfig config,
                                MeterRegistry meters) {
        BatchPolicy policy = new BatchPolicy(config.batch().size(), config.batch().maxWait());
        LOG.infof("model runs: at most %d planes, waiting at most %d ms for planes of other events", policy.size(),
                policy.maxWait().toMillis());
        InferenceConfig.Models models = config.models();
        return new ModelRegistry(store, sessions, policy, model -> batchMetrics(meters, model),
                new OnnxHeader.Limits(models.maxBytes(), models.minOpset(), models.maxOpset(),
                        models.maxTensorBytes()));
    }

    /**
     * Per model: {@code blindspot.inference.batch.size} (distribution of planes per run),
     * {@code blindspot.inference.batch.requests} (distribution of calls sharing a run: above 1 when planes of
     * several events were batched together) and {@code blindspot.inference.batch.run} (time per run, tag
     * {@code outcome=ok|failed}).
     */
    static MicroBatcher.Listener batchMetrics(MeterRegistry meters, String model) {
        DistributionSummary size = DistributionSummary.builder("blindspot.inference.batch.size")
                .description("planes per model run").tag("model", model).register(meters);
        DistributionSummary requests = DistributionSummary.builder("blindspot.inference.batch.requests")
                .description("calls (events) sharing one model run").tag("model", model).register(meters);
        Timer ok = Timer.builder("blindspot.inference.batch.run").description("time of one model run")
                .tag("model", model).tag("outcome", "ok").register(meters);
        Timer failed = Timer.builder("blindspot.inference.batch.run").description("time of one model run")
                .tag("model", model).tag("outcome", "failed").register(meters);
        return (items, calls, nanos, hasFailed) -> {
            size.record(items);
            requests.record(calls);
            (hasFailed ? failed : ok).record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    /** The shipped models' registration (retried in the background while the object store is out of reach). */
    @Produces
    @Singleton
    BundledModels bundledModels(ModelService models, Retrier retrier) {
        return new BundledModels(models, retrier);
    }

    void close(@Disposes ModelRegistry registry) {
        registry.close();
    }

    /**
     * Chooses the provider at start rather than on the first model (so the fallback shows in the log, health and
     * metrics at once), publishes it, and registers the bundled models.
     *
     * <p>Metrics: {@code blindspot.inference.provider.in.use{provider=cpu|cuda}} is 1 for the provider running the
     * models and 0 for the other; {@code blindspot.inference.provider.fallback{requested=...}} is 1 after CUDA
     * was requested and could not start.
     */
    void start(@Observes StartupEvent event, OnnxSessions sessions, BundledModels bundled, MeterRegistry meters,
               InferenceConfig config) {
        for (String provider : List.of(ProviderConfig.CPU, ProviderConfig.CUDA)) {
            Gauge.builder("blindspot.inference.provider.in.use", sessions,
                            s -> provider.equals(s.status().inUse()) ? 1 : 0)
                    .description("1 for the ONNX Runtime execution provider that runs the models")
                    .tag("provider", provider).register(meters);
        }
        ProviderStatus status = sessions.status();
        Gauge.builder("blindspot.inference.provider.fallback", sessions, s -> s.status().fellBack() ? 1 : 0)
                .description("1 when CUDA was requested but the models run on CPU")
                .tag("requested", status.requested()).register(meters);

        config.models().bundledDir().map(Path::of).ifPresent(bundled::start);
    }
}
