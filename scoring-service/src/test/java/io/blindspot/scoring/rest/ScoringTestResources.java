package io.blindspot.scoring.rest;

import io.blindspot.scoring.repository.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The assembled service on a real PostgreSQL (zonky's binaries, migrated), its Kafka channels in memory and no
 * bucket check at start: no broker, no store.
 */
public class ScoringTestResources implements QuarkusTestResourceLifecycleManager {
    private TestPostgres db;

    @Override
    public Map<String, String> start() {
        try {
            db = TestPostgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = new HashMap<>(InMemoryConnector.switchIncomingChannelsToInMemory("experiments",
                "reconstructions", "dead-letters"));
        props.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        props.put("quarkus.datasource.username", "postgres");
        props.put("blindspot.s3.ensure-bucket", "false");
        props.put("quarkus.http.test-port", "0"); // a free port: other builds on this machine may hold 8081
        return props;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        try {
            if (db != null) {
                db.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
