package io.blindspot.inference.health;

import io.blindspot.inference.domain.onnx.OnnxSessions;
import io.blindspot.inference.domain.onnx.ProviderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data on ONNX Runtime's execution provider. Always UP: a CUDA fallback runs the models on CPU, slower
 * but correct, so it is reported ({@code fallback-reason}), not treated as unready.
 */
@Readiness
@ApplicationScoped
public class OnnxRuntimeHealthCheck implements HealthCheck {
    private final OnnxSessions sessions;

    public OnnxRuntimeHealthCheck(OnnxSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        ProviderStatus status = sessions.status();
        return HealthCheckResponse.named("onnx-runtime").up()
                .withData("provider-requested", status.requested())
                .withData("provider-in-use", status.inUse())
                .withData("cuda-device-id", status.cudaDeviceId())
                .withData("fallback-reason", status.fellBack() ? status.fallbackReason() : "none")
                .build();
    }
}
