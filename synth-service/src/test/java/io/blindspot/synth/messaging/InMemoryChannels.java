package io.blindspot.synth.messaging;


import io.blindspot.testing.InMemoryChannelsResource;
import java.util.List;

/** Runs the service's channels on SmallRye's in-memory connector: no broker needed. */
public class InMemoryChannels extends InMemoryChannelsResource {
    public InMemoryChannels() {
        super(List.of("slices"), List.of("anomalies"));
    }
}
