package io.blindspot.support.retry;

/** Test doubles whose superclass is named like Kafka's RetriableException (see {@link TransientFaults}). */
final class FakeKafka {
    private FakeKafka() {
    }

    static class TimeoutException extends org.apache.kafka.common.errors.RetriableException {
        TimeoutException(String message) {
            super(message);
        }
    }
}
