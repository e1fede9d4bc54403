package io.blindspot.scoring.service;

import com.sun.net.httpserver.HttpServer;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ScoredReconstructions;
import io.blindspot.scoring.store.ObjectStoreArtefacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deletes still queued when the service stops are sent, not dropped: a minimal S3 endpoint (the JDK's HTTP server
 * answering the MinIO client's bucket-location and multi-object-delete requests, 300 ms each) records every key
 * it is asked to delete.
 */
class IntermediateArtefactsDrainTest {
    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private ObjectStore slowStore() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            if (query.contains("location")) {
                answer = "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></LocationConstraint>";
            } else if (query.contains("delete")) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Matcher m = KEY.matcher(body);
                while (m.find()) {
                    deleted.add(m.group(1));
                }
                answer = "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></DeleteResult>";
            } else {
                exchange.sendResponseHeaders(501, -1);
                exchange.close();
                return;
            }
            byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return ObjectStore.connect("http://127.0.0.1:" + server.getAddress().getPort(), "key", "secret", "blindspot");
    }

    @Test
    void deletesQueuedAtShutdownAreSentBeforeTheServiceExits() throws Exception {
        ObjectStoreArtefacts store = new ObjectStoreArtefacts(slowStore());
        PGSimpleDataSource unused = new PGSimpleDataSource(); // marks are not needed to queue keys directly
        IntermediateArtefacts artefacts = new IntermediateArtefacts("delete", store, new ScoredReconstructions(unused),
                new ExperimentRepository(unused), new VariantsCache(store, new ReadBudget(160), 4),
                Duration.ofSeconds(10));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("experiments/x/slices/v000-axis2-" + String.format("%04d", i) + "/rec.npy");
        }
        artefacts.queue(keys);
        Thread.sleep(50); // the deleter has taken its first batch and is waiting on the store
        artefacts.stop();
        assertThat(artefacts.queued()).isZero();
        assertThat(deleted).hasSize(2500).containsAll(keys);
    }
}
