package io.blindspot.support.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import java.util.concurrent.CompletableFuture;

/**
 * Keeps one trace per slice across the services (README "Observe"): the consumer span SmallRye starts for a Kafka
 * record becomes the parent of what the handler sends next, and the handler's log lines carry its trace id.
 *
 * <p>WHY this is needed: SmallRye Reactive Messaging extracts the {@code traceparent} header and starts the consumer
 * span, but only attaches it to the record ({@link TracingMetadata}); it is not current while a {@code @Blocking}
 * handler runs on its worker pool. And the Kafka sink parents a producer span on {@code Context.current()} of
 * whichever thread drains the emitter, which need not be the sender's: so each sent message names its parent.
 */
public final class Traces {
    /** The MDC keys Quarkus's OpenTelemetry extension uses: {@code %X{traceId}}, and {@code mdc} in JSON logs. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private Traces() {
    }

    /** The context of the record's consumer span, or null when tracing is off or the record carries none. */
    public static Context of(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
    }

    /** Makes the record's consumer span current on this thread, trace and span id in the MDC, until closed. */
    public static Scope open(Message<?> message) {
        return open(of(message));
    }

    /** As {@link #open(Message)} for a context; null is a no-op. */
    public static Scope open(Context context) {
        if (context == null) {
            return Scope.noop();
        }
        Scope attached = context.makeCurrent();
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return attached;
        }
        Object previousTrace = MDC.get(TRACE_ID);
        Object previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, span.getTraceId());
        MDC.put(SPAN_ID, span.getSpanId());
        return () -> {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
            attached.close();
        };
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** The message with this thread's current context as the parent of its producer span. */
    public static <T> Message<T> withCurrentContext(Message<T> message) {
        return message.addMetadata(TracingMetadata.withCurrent(Context.current()));
    }

    /**
     * Sends {@code payload} as a child of this thread's current span; completes as {@link Emitter#send(Object)}
     * does: when the broker acknowledged it, or exceptionally with the reason it was not sent.
     */
    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<T> message = Message.of(payload, () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acknowledged.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        });
        emitter.send(withCurrentContext(message));
        return acknowledged;
    }
}
