package io.blindspot.synth.messaging;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.synth.domain.AnomalyGenerator;
import io.blindspot.synth.domain.AnomalyGenerators;
import io.blindspot.synth.domain.CentreSampler;
import io.blindspot.synth.domain.Variants;
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.tracing.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * blindspot.slices → blindspot.anomalies: paints every intensity variant of one slice's anomaly (the disk), or
 * its one textured variant (pixel-shuffle, sink, source).
 *
 * <p>Pixels go to the object store, the event only carries the keys ({@link VariantsRef}). The variants of a disk
 * all equal the (brain-masked) slice outside the label, so they are stored compactly: one [rows, cols] plane under the anomalous
 * key and each variant's values on the label pixels, [k, label pixels], under the label-values key, plus the
 * shared label. WHY: for the paper's 100 intensities and R = 20 on a 181 × 217 slice that is at most 0.66 MB
 * instead of 15.7 MB, 24× fewer bytes (more for a disk crossing background) to serialise and upload here, for the
 * object store to take in, and for the inference- and scoring-services to download and parse (issue 6: those bytes
 * cost S3Proxy and every reader much CPU). A stack that cannot be stored compactly without loss, or would not be
 * smaller (a texture's single variant), is stored whole, [k, rows, cols], as before (see
 * {@link Variants#compact()}); {@code blindspot.synth.variants=full} stores every stack whole.
 *
 * <p>The method returns after the outgoing event is acknowledged, so the incoming one is committed
 * only once its successor is safely on Kafka; a failure (bad slice, unknown anomaly type) throws and the incoming
 * event goes to the dead-letter topic with the exception's message as reason. A transient fault (object store
 * unreachable, broker not acknowledging) is retried with backoff for up to {@code blindspot.retry.max-duration}
 * first ({@link Deliveries}): the whole slice is painted and written again, which rewrites the same objects.
 */
@ApplicationScoped
public class SliceConsumer {
    private static final Logger LOG = Logger.getLogger(SliceConsumer.class);
    /** The seed of a pixel-shuffle whose event carries none (the spec's default). */
    static final long DEFAULT_SEED = 0L;

    private final ArrayStore store;
    private final Emitter<AnomaliesSynthesized> anomalies;
    /** False: always the full stack ({@code blindspot.synth.variants=full}). */
    private final boolean compactAllowed;

    /** Timers (Micrometer, in /q/metrics): the whole event, and the writes of variants and label. */
    private final Timer eventTimer;
    private final Timer writeTimer;
    private final Deliveries deliveries;

    /**
     * @param variants {@code blindspot.synth.variants}: {@code compact} (default; the compact form wherever it is
     *                 lossless and smaller) or {@code full} (every stack whole, as before the compact form)
     */
    @Inject
    public SliceConsumer(ArrayStore store, @Channel("anomalies") Emitter<AnomaliesSynthesized> anomalies,
                         MeterRegistry registry,
                         @ConfigProperty(name = "blindspot.synth.variants", defaultValue = "compact") String variants,
                         Deliveries deliveries) {
        this.store = store;
        this.deliveries = deliveries;
        this.anomalies = anomalies;
        this.compactAllowed = compactAllowed(variants);
        this.eventTimer = Timer.builder("blindspot.synth.event").description("one slice: variants painted, "
                + "stored and announced").register(registry);
        this.writeTimer = Timer.builder("blindspot.synth.write").description("writing one slice's variants "
                + "and label to the store").register(registry);
    }

    /** Without metrics, compact where possible (tests). */
    SliceConsumer(ArrayStore store, Emitter<AnomaliesSynthesized> anomalies) {
        this(store, anomalies, "compact");
    }

    /** Without metrics (tests). */
    SliceConsumer(ArrayStore store, Emitter<AnomaliesSynthesized> anomalies, String variants) {
        this(store, anomalies, new SimpleMeterRegistry(), variants, new Deliveries(new Retrier(
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3)))));
    }

    /** {@code compact} → true, {@code full} → false (any case); anything else fails the start. */
    static boolean compactAllowed(String variants) {
        return switch (variants == null ? "" : variants.trim().toLowerCase(Locale.ROOT)) {
            case "compact" -> true;
            case "full" -> false;
            default -> throw new IllegalArgumentException("blindspot.synth.variants must be compact or full, got '"
                    + variants + "'");
        };
    }

    /** The channel: settles each record as {@link Deliveries} says (ack, dead letter, or hand back at shutdown). */
    @Incoming("slices")
    @Blocking(value = "blindspot-synth", ordered = false)
    public CompletionStage<Void> consume(Message<SliceIngested> message) {
        return deliveries.process(message, SliceConsumer::describe, e -> io.blindspot.support.retry.RetryListener.NONE,
                this::onSlice);
    }

    static String describe(SliceIngested event) {
        return event == null || event.slice() == null ? "slice event" : "experiment " + event.experimentId()
                + " slice " + event.slice().volume() + "/" + event.slice().axis() + "/" + event.slice().index();
    }

    /** One slice, once; throws on any failure. */
    public void onSlice(SliceIngested event) {
        eventTimer.record(() -> {
            AnomaliesSynthesized result = synthesize(event);
            // a child of this slice's consumer span: the trace goes on to inference
            Traces.send(anomalies, result).join();
        });
    }

    /** Builds and stores the variants of one slice; returns the event announcing them (not yet sent). */
    AnomaliesSynthesized synthesize(SliceIngested event) {
        if (event == null || event.experimentId() == null || event.slice() == null || event.anomaly() == null) {
            throw new IllegalArgumentException("slice event lacks experimentId, slice or anomaly: " + event);
        }
        SliceRef slice = event.slice();
        AnomalyParams anomaly = event.anomaly();
        String name = CentreSampler.sliceName(slice.axis(), slice.index());
        // Fail on the spec before touching the store: an unknown type is the event's fault, not the store's.
        // A texture's seed may come with a position (it seeds pixel-shuffle's permutation); absent means 0.
        long seed = anomaly.seed() == null ? DEFAULT_SEED : anomaly.seed();
        AnomalyGenerator generator = AnomalyGenerators.forType(anomaly.type(), anomaly.radius(), seed,
                slice.axis(), slice.index());

        FloatArray image = store.get(slice.imageKey());
        if (image.shape().length != 2 || image.rows() != slice.rows() || image.cols() != slice.cols()) {
            throw new IllegalArgumentException("slice " + name + " image " + slice.imageKey() + " has shape "
                    + Arrays.toString(image.shape()) + ", the event says " + slice.rows() + "x" + slice.cols());
        }
        int rows = image.rows();
        int cols = image.cols();
        int[] centre = CentreSampler.centre(anomaly.position(), anomaly.seed(), image.data(), rows, cols,
                slice.axis(), slice.index());
        Variants variants = generator.generate(image.data(), rows, cols, centre[0], centre[1],
                anomaly.intensities());

        String anomalousKey = ObjectKeys.anomalous(event.experimentId(), slice.volume(), slice.axis(), slice.index());
        String labelKey = ObjectKeys.label(event.experimentId(), slice.volume(), slice.axis(), slice.index());
        Optional<CompactVariants> compact = compactAllowed ? variants.compact() : Optional.empty();
        String labelValuesKey = compact.isPresent()
                ? ObjectKeys.labelValues(event.experimentId(), slice.volume(), slice.axis(), slice.index())
                : null;
        long writeStart = System.nanoTime();
        if (compact.isPresent()) {
            store.put(anomalousKey, compact.get().reference());
            store.put(labelValuesKey, compact.get().labelValues());
        } else {
            store.put(anomalousKey, variants.anomalous());
        }
        store.put(labelKey, variants.label());
        writeTimer.record(System.nanoTime() - writeStart, TimeUnit.NANOSECONDS);
        LOG.debugf("experiment %s slice %s: %d %s variants centred at (%d, %d), %s", event.experimentId(), name,
                variants.count(), anomaly.type(), centre[0], centre[1], compact.isPresent() ? "compact" : "full");

        return new AnomaliesSynthesized(event.experimentId(), slice,
                anomaly.withPosition(List.of(centre[0], centre[1])), event.reconstruction(),
                new VariantsRef(anomalousKey, labelKey, variants.count(), labelValuesKey));
    }
}
