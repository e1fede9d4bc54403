package io.blindspot.inference.health;

import io.blindspot.inference.domain.onnx.OnnxSessions;
import io.blindspot.inference.domain.onnx.ProviderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness on ONNX Runtime's execution provider. DOWN when CUDA was requested and the models run on the CPU
 * ({@code fallback=true}, {@code fallback-reason}): the models would still be correct, but a {@code cuda}
 * deployment sized and scheduled for a GPU that silently runs 10-100x slower is a broken deployment (wrong image,
 * no driver, CUDA/cuDNN mismatch), and the orchestrator should say so rather than route events to it. A
 * {@code cpu} deployment is UP.
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
        return response(sessions.status());
    }

    static HealthCheckResponse response(ProviderStatus status) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("onnx-runtime").status(!status.fellBack())
                .withData("provider-requested", status.requested())
                .withData("provider-in-use", status.inUse())
                .withData("cuda-device-id", status.cudaDeviceId())
                .withData("fallback", status.fellBack())
                .withData("fallback-reason", status.fellBack() ? status.fallbackReason() : "none");
        return builder.build();
    }
}
