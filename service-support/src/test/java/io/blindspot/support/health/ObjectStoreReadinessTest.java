package io.blindspot.support.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.blindspot.contracts.store.ObjectStore;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness probe against a small fake S3 endpoint (the JDK's HTTP server answering as S3 does), so the
 * missing-bucket case needs no store: a bucket that is there is UP, a missing bucket and an unreachable store DOWN.
 */
class ObjectStoreReadinessTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    /** Time enough for the store client's first request on a busy machine: these cases are about the answer. */
    private static final Duration PATIENT = Duration.ofSeconds(30);
    private HttpServer server;

    /** What one service would declare: the check on its store, probing its own empty prefix. */
    static final class Check extends ObjectStoreReadiness {
        Check(ObjectStore store) {
            super(store, "health/test/");
        }

        Check(ObjectStore store, Duration timeout) {
            super(store, "health/test/", timeout);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aBucketThatAnswersTheListingIsUp() throws IOException {
        String endpoint = fakeS3(true);
        HealthCheckResponse r = new Check(ObjectStore.connect(endpoint, "k", "s", "blindspot"), PATIENT).call();
        assertThat(r.getName()).isEqualTo("object-store");
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData()).get().satisfies(d -> assertThat(d).containsEntry("bucket", "blindspot"));
    }

    @Test
    void aMissingBucketIsDownWithTheStoresMessage() throws IOException {
        String endpoint = fakeS3(false);
        HealthCheckResponse r = new Check(ObjectStore.connect(endpoint, "k", "s", "blindspot"), PATIENT).call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData()).get().satisfies(d -> {
            assertThat(d).containsEntry("bucket", "blindspot");
            assertThat(String.valueOf(d.get("error"))).contains("bucket does not exist");
        });
    }

    @Test
    void anUnreachableStoreIsDown() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HealthCheckResponse r = new Check(ObjectStore.connect("http://127.0.0.1:" + port, "k", "s", "blindspot"),
                PATIENT).call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData()).get().satisfies(d -> assertThat(d).containsKey("error"));
    }

    @Test
    void aStoreThatDoesNotAnswerIsDownAfterTheTimeoutAndHoldsOneThread() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        try {
            Check check = new Check(ObjectStore.connect("http://127.0.0.1:" + server.getAddress().getPort(), "k", "s",
                    "blindspot"), Duration.ofMillis(300));
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                HealthCheckResponse r = check.call();
                assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
                assertThat(String.valueOf(r.getData().orElseThrow().get("error"))).contains("no answer");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            }
            assertThat(requests.get()).as("the later checks wait on the first probe").isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    /** An S3 endpoint with one bucket, "blindspot", that is empty ({@code exists}) or missing. */
    private String fakeS3(boolean exists) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            if (!exists) {
                reply(exchange, 404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist"
                        + "</Message><BucketName>blindspot</BucketName><Resource>/blindspot</Resource>"
                        + "<RequestId>1</RequestId><HostId>1</HostId></Error>");
            } else if (query.startsWith("location") || query.contains("&location")) {
                reply(exchange, 200, "<LocationConstraint xmlns=\"" + NS + "\">us-east-1</LocationConstraint>");
            } else {
                reply(exchange, 200, "<ListBucketResult xmlns=\"" + NS + "\"><Name>blindspot</Name>"
                        + "<Prefix>health/test/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>"
                        + "<IsTruncated>false</IsTruncated></ListBucketResult>");
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
