package io.blindspot.inference.messaging;

import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.service.ReconstructionService;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.retry.RetryListener;
import io.blindspot.support.tracing.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * blindspot.anomalies → blindspot.reconstructions, the Kafka adapter: hands each event to
 * {@link ReconstructionService} (which reconstructs every sigma and writes one object per block of sigmas) and
 * sends the {@link SliceReconstructed} of each block.
 *
 * <p>The method returns only when every announcement is acknowledged, so a crash before that redelivers the whole
 * slice (outputs are deterministic, rewriting them is harmless). Bad events throw and go to the dead-letter topic.
 * A transient fault (object store unreachable, broker not acknowledging) is first retried with backoff for up to
 * {@code blindspot.retry.max-duration} ({@link Deliveries}), the whole event again: blocks already announced are
 * announced again, which scoring ignores (idempotent inserts, already-scored marks).
 */
@ApplicationScoped
public class AnomaliesConsumer {
    private final ReconstructionService service;
    private final Emitter<SliceReconstructed> reconstructions;
    private final MeterRegistry meters;
    private final Deliveries deliveries;

    /** Without metrics (tests). */
    public AnomaliesConsumer(ReconstructionService service, Emitter<SliceReconstructed> reconstructions) {
        this(service, reconstructions, new SimpleMeterRegistry());
    }

    /** With the default retries (tests). */
    public AnomaliesConsumer(ReconstructionService service, Emitter<SliceReconstructed> reconstructions,
                             MeterRegistry meters) {
        this(service, reconstructions, meters, new Deliveries(new Retrier(
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3)))));
    }

    /** @param deliveries how records are settled: retries of transient faults, dead letters, hand-back */
    @Inject
    public AnomaliesConsumer(ReconstructionService service,
                             // one event fans out to a send per block of sigmas, several events at once
                             @Channel("reconstructions") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                     bufferSize = 4096) Emitter<SliceReconstructed> reconstructions,
                             MeterRegistry meters, Deliveries deliveries) {
        this.service = service;
        this.reconstructions = reconstructions;
        this.meters = meters;
        this.deliveries = deliveries;
    }

    /** The channel: settles each record as {@link Deliveries} says (ack, dead letter, or hand back at shutdown). */
    @Incoming("anomalies")
    @Blocking(value = "blindspot-inference", ordered = false)
    public CompletionStage<Void> consume(Message<AnomaliesSynthesized> message) {
        return deliveries.process(message, AnomaliesConsumer::describe, e -> RetryListener.NONE, this::onAnomalies);
    }

    static String describe(AnomaliesSynthesized event) {
        return event == null || event.slice() == null ? "anomalies event" : "experiment " + event.experimentId()
                + " slice " + event.slice().volume() + "/" + event.slice().axis() + "/" + event.slice().index();
    }

    /** One event, once; throws on any failure. */
    public void onAnomalies(AnomaliesSynthesized event) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            // each block's event a child of this slice's consumer span: the trace goes on to scoring
            service.reconstruct(event, result -> acks.add(Traces.send(reconstructions, result)));
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            outcome = "ok";
        } finally {
            sample.stop(eventTimer(event, outcome));
        }
    }

    /**
     * {@code blindspot.inference.event}: one event from arrival to the last acknowledged send (reading, model runs
     * including the wait for a batch, writing), tagged by mode, reconstructor family and outcome.
     */
    private Timer eventTimer(AnomaliesSynthesized event, String outcome) {
        ExperimentSpec.Reconstruction spec = event == null ? null : event.reconstruction();
        String mode = spec != null && (Modes.NORMAL_REC.equals(spec.mode()) || Modes.ANOMAL_REC.equals(spec.mode()))
                ? spec.mode() : "other"; // bounded tag values, whatever a bad event says
        String name = spec == null || spec.reconstructor() == null ? Reconstructors.GAUSSIAN_BLUR
                : spec.reconstructor();
        // the family only (onnx, gaussian-blur): model names are user input and would make unbounded tag values
        String family = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        return Timer.builder("blindspot.inference.event").description("processing of one anomalies event")
                .tag("mode", mode).tag("reconstructor", family).tag("outcome", outcome).register(meters);
    }
}
