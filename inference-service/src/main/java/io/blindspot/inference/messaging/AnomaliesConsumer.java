package io.blindspot.inference.messaging;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.inference.config.InferenceConfig;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.contracts.store.ArrayStore;
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
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * blindspot.anomalies → blindspot.reconstructions: reconstructs one slice for every sigma of its experiment.
 *
 * <p>normal-rec reconstructs the NORMAL slice ([rows, cols] per sigma, scored downstream against every variant);
 * anomal-rec reconstructs every anomalous variant ([k, rows, cols] per sigma). The input is read once per event.
 * The sigmas go out in blocks of consecutive ones: one object ([sigmas, rows, cols] or [sigmas, k, rows, cols])
 * and one {@link SliceReconstructed} per block, a block holding at most {@code blindspot.inference.block-bytes}
 * of reconstructions (at least one sigma) — experiment 1's 100 sigmas of a 181 × 217 slice are one 15.7 MB
 * object and one event instead of 100 of each. The method returns only when every announcement is acknowledged,
 * so a crash before that redelivers the whole slice (outputs are deterministic, rewriting them is harmless). Bad
 * events throw and go to the dead-letter topic. A transient fault (object store unreachable, broker not
 * acknowledging) is first retried with backoff for up to {@code blindspot.retry.max-duration} ({@link Deliveries}),
 * the whole event again: blocks already announced are announced again, which scoring ignores (idempotent inserts,
 * already-scored marks).
 */
@ApplicationScoped
public class AnomaliesConsumer {
    private static final Logger LOG = Logger.getLogger(AnomaliesConsumer.class);
    /** {@code blindspot.inference.block-bytes}'s default: 16 MiB. */
    public static final long DEFAULT_BLOCK_BYTES = 16L * 1024 * 1024;
    /** Java arrays hold at most a little under 2^31 values. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ArrayStore store;
    private final Reconstructors reconstructors;
    private final Emitter<SliceReconstructed> reconstructions;
    private final MeterRegistry meters;
    private final long blockBytes;
    private final Deliveries deliveries;

    /** Without metrics, default block size (tests). */
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             Emitter<SliceReconstructed> reconstructions) {
        this(store, reconstructors, reconstructions, new SimpleMeterRegistry(), DEFAULT_BLOCK_BYTES);
    }

    @Inject
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             // one event fans out to a send per block of sigmas, several events at once
                             @Channel("reconstructions") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                     bufferSize = 4096) Emitter<SliceReconstructed> reconstructions,
                             MeterRegistry meters, InferenceConfig config, Deliveries deliveries) {
        this(store, reconstructors, reconstructions, meters, config.blockBytes(), deliveries);
    }

    /** @param blockBytes bytes of reconstructions per object and event at most (at least one sigma each) */
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             Emitter<SliceReconstructed> reconstructions, MeterRegistry meters, long blockBytes) {
        this(store, reconstructors, reconstructions, meters, blockBytes, new Deliveries(new Retrier(
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3)))));
    }

    /** @param deliveries how records are settled: retries of transient faults, dead letters, hand-back */
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             Emitter<SliceReconstructed> reconstructions, MeterRegistry meters, long blockBytes,
                             Deliveries deliveries) {
        this.deliveries = deliveries;
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("blindspot.inference.block-bytes must be > 0, got " + blockBytes);
        }
        this.store = store;
        this.reconstructors = reconstructors;
        this.reconstructions = reconstructions;
        this.meters = meters;
        this.blockBytes = blockBytes;
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
            reconstruct(event, result -> acks.add(Traces.send(reconstructions, result)));
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

    /**
     * Sigmas per block: {@code max(1, blockBytes / (4 * valuesPerSigma))}, bounded so a block fits one Java array.
     *
     * @param valuesPerSigma float32 values of one sigma's reconstruction (n × rows × cols)
     */
    static int sigmasPerBlock(long blockBytes, long valuesPerSigma) {
        long bySize = blockBytes / (4 * Math.max(1, valuesPerSigma));
        long byArray = MAX_ARRAY / Math.max(1, valuesPerSigma);
        return (int) Math.max(1, Math.min(Math.min(bySize, byArray), Integer.MAX_VALUE));
    }

    /** Reconstructs, stores and hands each block's event to {@code sink} (in sigma order). */
    void reconstruct(AnomaliesSynthesized event, java.util.function.Consumer<SliceReconstructed> sink) {
        if (event == null || event.experimentId() == null || event.slice() == null || event.variants() == null
                || event.reconstruction() == null) {
            throw new IllegalArgumentException(
                    "anomalies event lacks experimentId, slice, variants or reconstruction: " + event);
        }
        ExperimentSpec.Reconstruction spec = event.reconstruction();
        SliceRef slice = event.slice();
        String mode = spec.mode();
        // Ingest fills the default; an event from elsewhere without a name gets the paper's experiment-1 blur.
        String name = spec.reconstructor() == null ? Reconstructors.GAUSSIAN_BLUR : spec.reconstructor();
        List<Double> sigmas = spec.sigmas();
        if (sigmas == null || sigmas.isEmpty()) {
            throw new IllegalArgumentException("reconstruction has no sigmas");
        }
        // Resolve every reconstructor before reading pixels: an unknown name or a bad sigma fails fast.
        List<Reconstructor> chosen = new ArrayList<>(sigmas.size());
        for (Double sigma : sigmas) {
            if (sigma == null) {
                throw new IllegalArgumentException("reconstruction sigma list has a missing value: " + sigmas);
            }
            chosen.add(reconstructors.get(name, sigma));
        }

        FloatArray input;
        try {
            input = readInput(event, mode);
        } catch (io.blindspot.contracts.store.ObjectNotFoundException gone) {
            if (!Modes.ANOMAL_REC.equals(mode)) {
                throw gone;
            }
            // A replay (redelivery after a crash, or a retry after a transient fault) of a slice whose every sigma
            // scoring has already stored: with retention=delete scoring then removes the variants, and only then.
            // Synth writes them before announcing the event, so a variants object that is gone was consumed.
            LOG.warnf("experiment %s slice %s: anomalous variants already deleted (every sigma scored); replay "
                    + "skipped: %s", event.experimentId(), ObjectKeys.sliceName(slice.volume(), slice.axis(),
                    slice.index()), gone.getMessage());
            return;
        }
        int planes = input.shape()[0];
        int perSigma = input.data().length; // n × rows × cols
        int perBlock = sigmasPerBlock(blockBytes, perSigma);
        String sliceName = ObjectKeys.sliceName(slice.volume(), slice.axis(), slice.index());
        long start = System.nanoTime();
        // A model ignores sigma: every sigma resolves to the same shared instance, which runs once per event and
        // whose output is copied into each sigma's slot (the only reconstruction kept beside the block).
        Reconstructor reused = null;
        FloatArray reusedOutput = null;
        int blocks = 0;
        for (int first = 0; first < sigmas.size(); first += perBlock) {
            int count = Math.min(perBlock, sigmas.size() - first);
            // The block is built in place, sigma after sigma; the previous block is already written and dropped.
            float[] block = new float[count * perSigma];
            for (int j = 0; j < count; j++) {
                int index = first + j;
                Reconstructor r = chosen.get(index);
                int offset = j * perSigma;
                if (r == reused) {
                    System.arraycopy(reusedOutput.data(), 0, block, offset, perSigma);
                } else if (index + 1 < sigmas.size() && chosen.get(index + 1) == r) {
                    reused = r;
                    reusedOutput = r.reconstruct(input);
                    requireSameShape(reusedOutput, input, name);
                    System.arraycopy(reusedOutput.data(), 0, block, offset, perSigma);
                } else {
                    reused = null;
                    reusedOutput = null;
                    r.reconstructInto(input, block, offset);
                }
            }
            int[] shape = Modes.NORMAL_REC.equals(mode)
                    ? new int[] {count, slice.rows(), slice.cols()}
                    : new int[] {count, planes, slice.rows(), slice.cols()};
            String key = ObjectKeys.reconstruction(event.experimentId(), slice.volume(), slice.axis(), slice.index(),
                    mode, name, first);
            store.put(key, new FloatArray(shape, block));
            sink.accept(new SliceReconstructed(event.experimentId(), slice, event.anomaly(), event.variants(),
                    new ReconstructionRef(mode, name, first, sigmas.get(first), key,
                            sigmas.subList(first, first + count))));
            blocks++;
        }
        LOG.debugf("experiment %s slice %s: %s %s x %d sigmas in %d blocks in %d ms", event.experimentId(),
                sliceName, mode, name, sigmas.size(), blocks, (System.nanoTime() - start) / 1_000_000);
    }

    private static void requireSameShape(FloatArray output, FloatArray input, String name) {
        if (!Arrays.equals(output.shape(), input.shape())) {
            throw new IllegalStateException(name + " returned shape " + Arrays.toString(output.shape())
                    + " for an input of shape " + Arrays.toString(input.shape()));
        }
    }

    /** The planes to reconstruct as [n, rows, cols]: the normal slice (n = 1) or every anomalous variant. */
    private FloatArray readInput(AnomaliesSynthesized event, String mode) {
        SliceRef slice = event.slice();
        if (Modes.NORMAL_REC.equals(mode)) {
            FloatArray image = store.get(slice.imageKey());
            requireShape(image, new int[] {slice.rows(), slice.cols()}, slice.imageKey());
            return new FloatArray(new int[] {1, slice.rows(), slice.cols()}, image.data());
        }
        if (Modes.ANOMAL_REC.equals(mode)) {
            return readVariants(event.variants(), slice);
        }
        throw new IllegalArgumentException("unknown reconstruction mode '" + mode + "'; supported: "
                + Modes.NORMAL_REC + ", " + Modes.ANOMAL_REC);
    }

    /**
     * Every anomalous variant, [count, rows, cols], from either form of {@link VariantsRef}: the full stack as
     * stored, or the compact one (the plane shared outside the label, each variant's label values) expanded with
     * the label — the same stack bit for bit.
     */
    private FloatArray readVariants(VariantsRef variants, SliceRef slice) {
        int rows = slice.rows();
        int cols = slice.cols();
        if (!variants.compact()) {
            FloatArray stack = store.get(variants.anomalousKey());
            requireShape(stack, new int[] {variants.count(), rows, cols}, variants.anomalousKey());
            return stack;
        }
        if (variants.labelKey() == null) {
            throw new IllegalArgumentException("compact variants " + variants.labelValuesKey() + " lack a labelKey");
        }
        FloatArray reference = store.get(variants.anomalousKey());
        requireShape(reference, new int[] {rows, cols}, variants.anomalousKey());
        FloatArray label = store.get(variants.labelKey());
        int labelled;
        try {
            labelled = CompactVariants.labelPixels(label, rows, cols).length;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variants.labelKey() + ": " + e.getMessage(), e);
        }
        FloatArray values = store.get(variants.labelValuesKey());
        requireShape(values, new int[] {variants.count(), labelled}, variants.labelValuesKey());
        return new CompactVariants(reference, values).expand(label);
    }

    private static void requireShape(FloatArray array, int[] expected, String key) {
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(key + " has shape " + Arrays.toString(array.shape())
                    + ", the event says " + Arrays.toString(expected));
        }
    }
}
