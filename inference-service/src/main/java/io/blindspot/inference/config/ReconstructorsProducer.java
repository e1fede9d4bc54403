package io.blindspot.inference.config;

import io.blindspot.inference.domain.Reconstructors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The reconstructors this service offers; a model-backed family is registered here when it arrives. */
@ApplicationScoped
public class ReconstructorsProducer {

    @Produces
    @Singleton
    Reconstructors reconstructors() {
        return Reconstructors.defaults();
    }
}
