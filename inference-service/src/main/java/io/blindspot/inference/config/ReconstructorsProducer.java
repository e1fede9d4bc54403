package io.blindspot.inference.config;

import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The reconstructors this service offers: {@code gaussian-blur} and the registered models as {@code onnx:NAME}. */
@ApplicationScoped
public class ReconstructorsProducer {

    @Produces
    @Singleton
    Reconstructors reconstructors(ModelRegistry models) {
        return models.registerIn(Reconstructors.defaults());
    }
}
