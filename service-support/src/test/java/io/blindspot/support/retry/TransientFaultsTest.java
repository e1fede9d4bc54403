package io.blindspot.support.retry;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStoreException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFaultsTest {
    /** Stands in for a scoring RepositoryException: a RuntimeException wrapping the driver's SQLException. */
    static RuntimeException repository(SQLException cause) {
        return new RuntimeException("cannot store 100 results of experiment x: " + cause.getMessage(), cause);
    }

    @Test
    void sqlStateClassesOfConnectionResourcesOperatorAndRollbackAreTransient() {
        for (String state : new String[] {"08001", "08006", "53300", "53100", "57P01", "57014", "40001", "40P01"}) {
            assertThat(TransientFaults.classify(repository(new SQLException("boom", state))))
                    .as(state).hasValueSatisfying(f -> assertThat(f.resource()).isEqualTo("database"));
        }
    }

    @Test
    void constraintAndSyntaxErrorsAreTheEventsFault() {
        for (String state : new String[] {"23505", "23502", "42601", "22003", "XX000"}) {
            assertThat(TransientFaults.classify(repository(new SQLException("bad", state)))).as(state).isEmpty();
        }
    }

    @Test
    void agroalsAcquisitionTimeoutAndAClosedPoolAreTransient() {
        // Agroal's messages, without an SQLState
        assertThat(TransientFaults.classify(repository(
                new SQLException("Acquisition timeout while waiting for new connection"))))
                .hasValueSatisfying(f -> {
                    assertThat(f.resource()).isEqualTo("database");
                    assertThat(f.detail()).contains("Acquisition timeout");
                });
        assertThat(TransientFaults.isTransient(
                new SQLException("This pool is closed and does not handle any more connections!"))).isTrue();
        assertThat(TransientFaults.isTransient(new SQLTransientConnectionException("x"))).isTrue();
    }

    @Test
    void aMissingObjectIsNotTransientButAnUnreachableStoreIs() {
        assertThat(TransientFaults.classify(new ObjectNotFoundException("exp/a.npy"))).isEmpty();
        assertThat(TransientFaults.classify(new ObjectStoreException("cannot read k: Connection refused",
                new ConnectException("Connection refused"))))
                .hasValueSatisfying(f -> {
                    assertThat(f.resource()).isEqualTo("object store");
                    assertThat(f.detail()).isEqualTo("cannot read k: Connection refused");
                });
        assertThat(TransientFaults.classify(new ObjectStoreException("cannot write k: timeout",
                new SocketTimeoutException("timeout")))).isPresent();
        // a store error with no cause at all (e.g. a 5xx answer turned into a message)
        assertThat(TransientFaults.isTransient(new ObjectStoreException("cannot read k: InternalError"))).isTrue();
    }

    @Test
    void kafkasRetriableErrorsAreMatchedByTheirSuperclassName() {
        // a class named like Kafka's, so the test needs no Kafka client either
        assertThat(TransientFaults.classify(new CompletionException(new FakeKafka.TimeoutException("expired"))))
                .hasValueSatisfying(f -> assertThat(f.resource()).isEqualTo("kafka"));
    }

    @Test
    void anIoErrorAnywhereIsANetworkFaultAndPlainBugsAreNot() {
        assertThat(TransientFaults.classify(new RuntimeException(new IOException("Connection reset"))))
                .hasValueSatisfying(f -> assertThat(f.resource()).isEqualTo("network"));
        assertThat(TransientFaults.classify(new IllegalArgumentException("a block of 3 sigmas must be [3, 6, 7]")))
                .isEmpty();
        assertThat(TransientFaults.classify(new NullPointerException())).isEmpty();
        assertThat(TransientFaults.classify(new RuntimeException(new java.nio.charset.MalformedInputException(3))))
                .isEmpty();
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(TransientFaults.classify(a)).isEmpty();
    }

    private static ObjectStoreException storeAnswered(int status, String code) {
        okhttp3.Response response = new okhttp3.Response.Builder()
                .request(new okhttp3.Request.Builder().url("http://127.0.0.1:9000/blindspot/k").build())
                .protocol(okhttp3.Protocol.HTTP_1_1).code(status).message(code).build();
        io.minio.errors.ErrorResponseException answer = new io.minio.errors.ErrorResponseException(
                new io.minio.messages.ErrorResponse(code, code, "blindspot", "k", "/blindspot/k", "r", "h"),
                response, "");
        return new ObjectStoreException("cannot read k: " + code, answer);
    }

    @Test
    void refusedCredentialsAreTheDeploymentsFaultAndPassOnceMendedButABadRequestIsTheEvents() {
        assertThat(TransientFaults.classify(storeAnswered(403, "InvalidAccessKeyId")))
                .hasValueSatisfying(f -> assertThat(f.resource()).isEqualTo("object store"));
        assertThat(TransientFaults.isTransient(storeAnswered(401, "Unauthorized"))).isTrue();
        assertThat(TransientFaults.isTransient(storeAnswered(503, "SlowDown"))).isTrue();
        assertThat(TransientFaults.isTransient(storeAnswered(429, "TooManyRequests"))).isTrue();
        assertThat(TransientFaults.isTransient(storeAnswered(400, "InvalidArgument"))).isFalse();
        assertThat(TransientFaults.isTransient(storeAnswered(409, "Conflict"))).isFalse();
    }
}
