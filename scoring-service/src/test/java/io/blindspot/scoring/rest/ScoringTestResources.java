package io.blindspot.scoring.rest;

import io.blindspot.scoring.repository.TestPostgres;
import io.blindspot.testing.InMemoryChannelsResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The assembled service on a real PostgreSQL (zonky's binaries, migrated), its Kafka channels in memory and no
 * bucket check at start: no broker, no store.
 */
public class ScoringTestResources extends InMemoryChannelsResource {
    private TestPostgres db;

    public ScoringTestResources() {
        super(List.of("experiments", "reconstructions", "dead-letters"), List.of());
    }

    @Override
    protected Map<String, String> properties() {
        try {
            db = TestPostgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", db.jdbcUrl(), "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        super.stop();
        try {
            if (db != null) {
                db.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
