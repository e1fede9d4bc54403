package io.blindspot.inference.domain.onnx;

/**
 * Which execution provider ONNX Runtime was asked for and which one runs the models.
 *
 * @param requested      {@code cpu} or {@code cuda}, from configuration
 * @param inUse          {@code cpu} or {@code cuda}: differs from {@code requested} only after a fallback
 * @param cudaDeviceId   the CUDA device asked for (meaningful with {@code cuda})
 * @param fallbackReason why CUDA could not start (the exception's message), null when there was no fallback
 */
public record ProviderStatus(String requested, String inUse, int cudaDeviceId, String fallbackReason) {

    public boolean fellBack() {
        return fallbackReason != null;
    }
}
