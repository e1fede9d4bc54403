package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {
    /** A registry holding {@code names}, recording which names were asked for. */
    private static final class FakeRegistry implements Models.Registry {
        final List<String> names;
        final List<String> asked = new ArrayList<>();

        FakeRegistry(String... names) {
            this.names = List.of(names);
        }

        @Override
        public boolean exists(String name) {
            asked.add(name);
            return names.contains(name);
        }

        @Override
        public List<String> names() {
            return names;
        }
    }

    private static ExperimentSpec withReconstructor(String reconstructor) {
        return new ExperimentSpec("t", new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80)),
                new ExperimentSpec.Anomaly("disk", 20, List.of(0.5), null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", reconstructor, List.of(0.0)), List.of("ap"));
    }

    @Test
    void theModelOfAnOnnxReconstructorIsTheNameAfterThePrefix() {
        assertThat(Models.modelOf("onnx:ae-latent128")).contains("ae-latent128");
        assertThat(Models.modelOf("gaussian-blur")).isEmpty();
    }

    @Test
    void aRegisteredModelPassesAndTheBlurNeedsNoRegistry() {
        FakeRegistry registry = new FakeRegistry("ae-latent128");
        Models.requireRegistered(withReconstructor("onnx:ae-latent128"), registry);
        Models.requireRegistered(withReconstructor("gaussian-blur"), registry);
        assertThat(registry.asked).containsExactly("ae-latent128");
    }

    @Test
    void anUnknownModelIsRefusedNamingTheRegisteredOnes() {
        assertThatThrownBy(() -> Models.requireRegistered(withReconstructor("onnx:vae"),
                new FakeRegistry("ae-latent128", "ae-latent32")))
                .isInstanceOf(UnknownModelException.class)
                .hasMessage("reconstruction.reconstructor: unknown model 'vae'; registered: ae-latent128, "
                        + "ae-latent32");
        assertThatThrownBy(() -> Models.requireRegistered("model", "vae", new FakeRegistry()))
                .hasMessage("model: unknown model 'vae'; registered: none (register one with POST /api/models on "
                        + "the inference-service)");
    }
}
