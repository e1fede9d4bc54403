package io.blindspot.support.tracing;

import io.blindspot.testing.RecordingEmitter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

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
        RecordingEmitter<String> emitter = RecordingEmitter.unsettled();
        CompletableFuture<Void> sent;
        try (Scope ignored = Traces.open(consumerSpan())) {
            sent = Traces.send(emitter, "next");
        }
        Message<? extends String> message = emitter.messages.getFirst();
        Context parent = TracingMetadata.fromMessage(message).orElseThrow().getCurrentContext();
        assertThat(Span.fromContext(parent).getSpanContext().getTraceId()).isEqualTo(TRACE);
        assertThat(sent).isNotDone();
        message.ack();
        assertThat(sent).isCompleted();
    }

    @Test
    void aNackFailsTheSend() {
        RecordingEmitter<String> emitter = RecordingEmitter.unsettled();
        CompletableFuture<Void> sent = Traces.send(emitter, "next");
        emitter.messages.getFirst().nack(new IllegalStateException("broker down"));
        assertThatThrownBy(sent::join).hasRootCauseMessage("broker down");
    }
}
