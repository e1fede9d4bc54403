package io.blindspot.ingest.messaging;

import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.ingest.config.IngestConfig;
import io.blindspot.ingest.domain.ExperimentEvents;
import io.blindspot.ingest.domain.PublishException;
import io.blindspot.support.tracing.Traces;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

/**
 * Sends the experiment's events on the {@code experiments} and {@code slices} channels, keyed by experiment id
 * (so one experiment's slices stay in order on one partition), and waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class KafkaExperimentEvents implements ExperimentEvents {
    private final MutinyEmitter<ExperimentSubmitted> experiments;
    private final MutinyEmitter<SliceIngested> slices;
    private final IngestConfig config;

    public KafkaExperimentEvents(@Channel("experiments") MutinyEmitter<ExperimentSubmitted> experiments,
                                 // Waiting for every ack bounds what is in flight; no fixed buffer to overflow.
                                 @Channel("slices") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                 MutinyEmitter<SliceIngested> slices,
                                 IngestConfig config) {
        this.experiments = experiments;
        this.slices = slices;
        this.config = config;
    }

    @Override
    public void submitted(ExperimentSubmitted event) {
        await(experiments.sendMessage(keyed(event.experimentId(), event)), "experiment " + event.experimentId());
    }

    @Override
    public void slicesIngested(String experimentId, List<SliceIngested> events) {
        List<Uni<Void>> sends = events.stream().map(e -> this.slices.sendMessage(keyed(experimentId, e))).toList();
        if (!sends.isEmpty()) {
            await(Uni.join().all(sends).andFailFast().replaceWithVoid(),
                    events.size() + " slices of experiment " + experimentId);
        }
    }

    /** Keyed, and a child of the request's span (current here), which the sink may not see on its own thread. */
    private static <T> Message<T> keyed(String key, T payload) {
        return Traces.withCurrentContext(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }

    private void await(Uni<Void> send, String what) {
        try {
            send.await().atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            throw new PublishException("Kafka did not accept " + what + ": " + e.getMessage(), e);
        }
    }
}
