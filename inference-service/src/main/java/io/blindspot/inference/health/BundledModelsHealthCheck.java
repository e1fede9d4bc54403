package io.blindspot.inference.health;

import io.blindspot.inference.service.BundledModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the shipped models wait for the object store to be registered (BundledModels), so that a fresh
 * deployment is not reported ready before its {@code onnx:} presets can run. UP otherwise, with the last fault of
 * a pass that did not go through (the models can still be uploaded through the API then).
 */
@Readiness
@ApplicationScoped
public class BundledModelsHealthCheck implements HealthCheck {
    private final BundledModels bundled;

    public BundledModelsHealthCheck(BundledModels bundled) {
        this.bundled = bundled;
    }

    @Override
    public HealthCheckResponse call() {
        String fault = bundled.lastFault();
        return HealthCheckResponse.named("bundled-models").status(!bundled.pending())
                .withData("pending", bundled.pending())
                .withData("last-fault", fault == null ? "none" : fault)
                .build();
    }
}
