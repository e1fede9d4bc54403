package io.blindspot.inference.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.contracts.store.ArrayStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * blindspot.anomalies → blindspot.reconstructions: reconstructs one slice once per sigma.
 *
 * <p>normal-rec reconstructs the NORMAL slice ([rows, cols] out, scored downstream against every variant);
 * anomal-rec reconstructs every anomalous variant ([k, rows, cols] out). The input is read once per event, each
 * sigma's output is written and announced in its own {@link SliceReconstructed}, and the method returns only when
 * every announcement is acknowledged, so a crash before that redelivers the whole slice (outputs are
 * deterministic, rewriting them is harmless). Bad events throw and go to the dead-letter topic.
 */
@ApplicationScoped
public class AnomaliesConsumer {
    private static final Logger LOG = Logger.getLogger(AnomaliesConsumer.class);

    private final ArrayStore store;
    private final Reconstructors reconstructors;
    private final Emitter<SliceReconstructed> reconstructions;
    private final MeterRegistry meters;

    /** Without metrics (tests). */
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             Emitter<SliceReconstructed> reconstructions) {
        this(store, reconstructors, reconstructions, new SimpleMeterRegistry());
    }

    @Inject
    public AnomaliesConsumer(ArrayStore store, Reconstructors reconstructors,
                             // one event fans out to a send per sigma (100 in experiment 1), several events at once
                             @Channel("reconstructions") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                     bufferSize = 4096) Emitter<SliceReconstructed> reconstructions,
                             MeterRegistry meters) {
        this.store = store;
        this.reconstructors = reconstructors;
        this.reconstructions = reconstructions;
        this.meters = meters;
    }

    @Incoming("anomalies")
    @Blocking(value = "blindspot-inference", ordered = false)
    public void onAnomalies(AnomaliesSynthesized event) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            reconstruct(event, result -> acks.add(reconstructions.send(result).toCompletableFuture()));
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

    /** Reconstructs, stores and hands each sigma's event to {@code sink} (in sigma order). */
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

        FloatArray input = readInput(event, mode);
        String sliceName = ObjectKeys.sliceName(slice.volume(), slice.axis(), slice.index());
        long start = System.nanoTime();
        FloatArray previous = null;
        for (int j = 0; j < sigmas.size(); j++) {
            // A model ignores sigma: every sigma resolves to the same shared instance, which runs once per event.
            boolean same = j > 0 && chosen.get(j) == chosen.get(j - 1);
            FloatArray output = same ? previous : chosen.get(j).reconstruct(input);
            previous = output;
            if (Modes.NORMAL_REC.equals(mode)) {
                output = FloatArray.of2d(slice.rows(), slice.cols(), output.data());
            }
            String key = ObjectKeys.reconstruction(event.experimentId(), slice.volume(), slice.axis(), slice.index(),
                    mode, name, j);
            store.put(key, output);
            sink.accept(new SliceReconstructed(event.experimentId(), slice, event.anomaly(), event.variants(),
                    new ReconstructionRef(mode, name, j, sigmas.get(j), key)));
        }
        LOG.debugf("experiment %s slice %s: %s %s x %d sigmas in %d ms", event.experimentId(), sliceName, mode, name,
                sigmas.size(), (System.nanoTime() - start) / 1_000_000);
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
            FloatArray variants = store.get(event.variants().anomalousKey());
            requireShape(variants, new int[] {event.variants().count(), slice.rows(), slice.cols()},
                    event.variants().anomalousKey());
            return variants;
        }
        throw new IllegalArgumentException("unknown reconstruction mode '" + mode + "'; supported: "
                + Modes.NORMAL_REC + ", " + Modes.ANOMAL_REC);
    }

    private static void requireShape(FloatArray array, int[] expected, String key) {
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(key + " has shape " + Arrays.toString(array.shape())
                    + ", the event says " + Arrays.toString(expected));
        }
    }
}
