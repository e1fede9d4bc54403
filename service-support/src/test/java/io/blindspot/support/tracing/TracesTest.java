package io.blindspot.support.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracesTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    /** The context SmallRye attaches to a consumed record: its consumer span. */
    private static Context consumerSpan() {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.getDefault())));
    }

    @Test
    void aRecordsConsumerSpanIsCurrentAndInTheMdcUntilClosed() {
        Message<String> record = Message.of("slice").addMetadata(TracingMetadata.with(consumerSpan(), null));
        try (Scope ignored = Traces.open(record)) {
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(TRACE);
            assertThat(MDC.get(Traces.TRACE_ID)).isEqualTo(TRACE);
            assertThat(MDC.get(Traces.SPAN_ID)).isEqualTo(SPAN);
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(MDC.get(Traces.TRACE_ID)).isNull();
    }

    @Test
    void aRecordWithoutTracingChangesNothing() {
        try (Scope ignored = Traces.open(Message.of("slice"))) {
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
            assertThat(MDC.get(Traces.TRACE_ID)).isNull();
        }
    }

    @Test
    void aSentMessageNamesTheCurrentSpanAsParentAndCompletesOnItsAck() {
        Recording emitter = new Recording();
        CompletableFuture<Void> sent;
        try (Scope ignored = Traces.open(consumerSpan())) {
            sent = Traces.send(emitter, "next");
        }
        Message<? extends String> message = emitter.sent.getFirst();
        Context parent = TracingMetadata.fromMessage(message).orElseThrow().getCurrentContext();
        assertThat(Span.fromContext(parent).getSpanContext().getTraceId()).isEqualTo(TRACE);
        assertThat(sent).isNotDone();
        message.ack();
        assertThat(sent).isCompleted();
    }

    @Test
    void aNackFailsTheSend() {
        Recording emitter = new Recording();
        CompletableFuture<Void> sent = Traces.send(emitter, "next");
        emitter.sent.getFirst().nack(new IllegalStateException("broker down"));
        assertThatThrownBy(sent::join).hasRootCauseMessage("broker down");
    }

    private static final class Recording implements Emitter<String> {
        final List<Message<? extends String>> sent = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException("Traces sends messages");
        }

        @Override
        public <M extends Message<? extends String>> void send(M msg) {
            sent.add(msg);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
