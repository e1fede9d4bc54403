package io.blindspot.synth.messaging;

import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.retry.RetryListener;
import io.blindspot.support.tracing.Traces;
import io.blindspot.synth.service.SynthesisService;
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

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * blindspot.slices → blindspot.anomalies, the Kafka adapter: hands each slice to {@link SynthesisService} (which
 * paints and stores its variants) and sends the {@link AnomaliesSynthesized} it returns.
 *
 * <p>The method returns after the outgoing event is acknowledged, so the incoming one is committed
 * only once its successor is safely on Kafka; a failure (bad slice, unknown anomaly type) throws and the incoming
 * event goes to the dead-letter topic with the exception's message as reason. A transient fault (object store
 * unreachable, broker not acknowledging) is retried with backoff for up to {@code blindspot.retry.max-duration}
 * first ({@link Deliveries}): the whole slice is painted and written again, which rewrites the same objects.
 */
@ApplicationScoped
public class SliceConsumer {
    private final SynthesisService service;
    private final Emitter<AnomaliesSynthesized> anomalies;
    /** The whole event: painted, stored and announced (Micrometer, in /q/metrics). */
    private final Timer eventTimer;
    private final Deliveries deliveries;

    @Inject
    public SliceConsumer(SynthesisService service, @Channel("anomalies") Emitter<AnomaliesSynthesized> anomalies,
                         MeterRegistry registry, Deliveries deliveries) {
        this.service = service;
        this.deliveries = deliveries;
        this.anomalies = anomalies;
        this.eventTimer = Timer.builder("blindspot.synth.event").description("one slice: variants painted, "
                + "stored and announced").register(registry);
    }

    /** Without metrics, with the default retries (tests). */
    SliceConsumer(SynthesisService service, Emitter<AnomaliesSynthesized> anomalies) {
        this(service, anomalies, new SimpleMeterRegistry(), new Deliveries(new Retrier(
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3)))));
    }

    /** The channel: settles each record as {@link Deliveries} says (ack, dead letter, or hand back at shutdown). */
    @Incoming("slices")
    @Blocking(value = "blindspot-synth", ordered = false)
    public CompletionStage<Void> consume(Message<SliceIngested> message) {
        return deliveries.process(message, SliceConsumer::describe, e -> RetryListener.NONE, this::onSlice);
    }

    static String describe(SliceIngested event) {
        return event == null || event.slice() == null ? "slice event" : "experiment " + event.experimentId()
                + " slice " + event.slice().volume() + "/" + event.slice().axis() + "/" + event.slice().index();
    }

    /** One slice, once; throws on any failure. */
    public void onSlice(SliceIngested event) {
        eventTimer.record(() -> {
            AnomaliesSynthesized result = service.synthesize(event);
            // a child of this slice's consumer span: the trace goes on to inference
            Traces.send(anomalies, result).join();
        });
    }
}
