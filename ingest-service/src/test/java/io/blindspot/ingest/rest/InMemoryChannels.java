package io.blindspot.ingest.rest;


import io.blindspot.testing.InMemoryChannelsResource;
import java.util.List;

/** The service with its Kafka channels in memory and no bucket check at start: no broker, no store needed. */
public class InMemoryChannels extends InMemoryChannelsResource {
    public InMemoryChannels() {
        super(List.of(), List.of("experiments", "slices"));
    }
}
