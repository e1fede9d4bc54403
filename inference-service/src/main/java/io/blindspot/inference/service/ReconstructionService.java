package io.blindspot.inference.service;

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
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.inference.config.InferenceConfig;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reconstructs one slice for every sigma of its experiment (the use case behind {@code messaging.AnomaliesConsumer}).
 *
 * <p>normal-rec reconstructs the NORMAL slice ([rows, cols] per sigma, scored downstream against every variant);
 * anomal-rec reconstructs every anomalous variant ([k, rows, cols] per sigma). The input is read once per event.
 * The sigmas go out in blocks of consecutive ones: one object ([sigmas, rows, cols] or [sigmas, k, rows, cols])
 * and one {@link SliceReconstructed} per block, a block holding at most {@code blindspot.inference.block-bytes}
 * of reconstructions (at least one sigma) — experiment 1's 100 sigmas of a 181 × 217 slice are one 15.7 MB
 * object and one event instead of 100 of each. Each block is written before its event is handed on, and before
 * the next block is built. A bad event throws {@link IllegalArgumentException} before anything is written.
 * A singleton, not a client proxy: a bad {@code block-bytes} fails the start, as it did in the consumer.
 */
@Singleton
public class ReconstructionService {
    private static final Logger LOG = Logger.getLogger(ReconstructionService.class);
    /** {@code blindspot.inference.block-bytes}'s default: 16 MiB. */
    public static final long DEFAULT_BLOCK_BYTES = 16L * 1024 * 1024;
    /** Java arrays hold at most a little under 2^31 values. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ArrayStore store;
    private final Reconstructors reconstructors;
    private final long blockBytes;

    @Inject
    public ReconstructionService(ArrayStore store, Reconstructors reconstructors, InferenceConfig config) {
        this(store, reconstructors, config.blockBytes());
    }

    /** Default block size (tests). */
    public ReconstructionService(ArrayStore store, Reconstructors reconstructors) {
        this(store, reconstructors, DEFAULT_BLOCK_BYTES);
    }

    /** @param blockBytes bytes of reconstructions per object and event at most (at least one sigma each) */
    public ReconstructionService(ArrayStore store, Reconstructors reconstructors, long blockBytes) {
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("blindspot.inference.block-bytes must be > 0, got " + blockBytes);
        }
        this.store = store;
        this.reconstructors = reconstructors;
        this.blockBytes = blockBytes;
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
    public void reconstruct(AnomaliesSynthesized event, java.util.function.Consumer<SliceReconstructed> sink) {
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
                            sigmas.subList(first, first + count)), event.metrics()));
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
