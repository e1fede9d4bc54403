package io.blindspot.synth.messaging;

import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

/** Replaces the MinIO-backed store in {@code @QuarkusTest}s. */
@Mock
@ApplicationScoped
public class InMemoryArrayStore extends io.blindspot.testing.InMemoryArrayStore {
}
