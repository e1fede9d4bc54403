package io.blindspot.synth.service;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.synth.config.SynthConfig;
import io.blindspot.synth.domain.AnomalyGenerator;
import io.blindspot.synth.domain.AnomalyGenerators;
import io.blindspot.synth.domain.CentreSampler;
import io.blindspot.synth.domain.Variants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Paints every intensity variant of one slice's anomaly (the disk), or its one textured variant (pixel-shuffle,
 * sink, source), and stores them: the use case behind {@code messaging.SliceConsumer}.
 *
 * <p>Pixels go to the object store, the event only carries the keys ({@link VariantsRef}). The variants of a disk
 * all equal the (brain-masked) slice outside the label, so they are stored compactly: one [rows, cols] plane under
 * the anomalous key and each variant's values on the label pixels, [k, label pixels], under the label-values key,
 * plus the shared label. WHY: for the paper's 100 intensities and R = 20 on a 181 × 217 slice that is at most
 * 0.66 MB instead of 15.7 MB, 24× fewer bytes (more for a disk crossing background) to serialise and upload here,
 * for the object store to take in, and for the inference- and scoring-services to download and parse (issue 6:
 * those bytes cost S3Proxy and every reader much CPU). A stack that cannot be stored compactly without loss, or
 * would not be smaller (a texture's single variant), is stored whole, [k, rows, cols], as before (see
 * {@link Variants#compact()}); {@code blindspot.synth.variants=full} stores every stack whole.
 *
 * <p>A bad event (bad slice, unknown anomaly type) throws {@link IllegalArgumentException}. A singleton, not a
 * client proxy: a bad {@code blindspot.synth.variants} fails the start.
 */
@Singleton
public class SynthesisService {
    private static final Logger LOG = Logger.getLogger(SynthesisService.class);
    /** The seed of a pixel-shuffle whose event carries none (the spec's default). */
    static final long DEFAULT_SEED = 0L;

    private final ArrayStore store;
    /** False: always the full stack ({@code blindspot.synth.variants=full}). */
    private final boolean compactAllowed;
    /** Writing the variants and label (Micrometer, in /q/metrics). */
    private final Timer writeTimer;

    @Inject
    public SynthesisService(ArrayStore store, MeterRegistry registry, SynthConfig config) {
        this(store, registry, config.variants());
    }

    /** Without metrics, compact where possible (tests). */
    public SynthesisService(ArrayStore store) {
        this(store, "compact");
    }

    /** Without metrics (tests). */
    public SynthesisService(ArrayStore store, String variants) {
        this(store, new SimpleMeterRegistry(), variants);
    }

    /**
     * @param variants {@code blindspot.synth.variants}: {@code compact} (default; the compact form wherever it is
     *                 lossless and smaller) or {@code full} (every stack whole, as before the compact form)
     */
    public SynthesisService(ArrayStore store, MeterRegistry registry, String variants) {
        this.store = store;
        this.compactAllowed = compactAllowed(variants);
        this.writeTimer = Timer.builder("blindspot.synth.write").description("writing one slice's variants "
                + "and label to the store").register(registry);
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

    /** Builds and stores the variants of one slice; returns the event announcing them (not yet sent). */
    public AnomaliesSynthesized synthesize(SliceIngested event) {
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
                new VariantsRef(anomalousKey, labelKey, variants.count(), labelValuesKey), event.metrics());
    }
}
