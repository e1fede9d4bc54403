package org.apache.kafka.common.errors;

/**
 * Test stand-in with the name of Kafka's class (service-support does not depend on the Kafka client; the
 * classification matches the name). Only on this module's test class path.
 */
public class RetriableException extends RuntimeException {
    public RetriableException(String message) {
        super(message);
    }
}
