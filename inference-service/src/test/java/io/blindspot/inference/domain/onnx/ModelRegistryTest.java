package io.blindspot.inference.domain.onnx;

import io.blindspot.contracts.FloatArray;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.store.InMemoryModelStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {
    private final InMemoryModelStore store = new InMemoryModelStore();
    private final ModelRegistry registry = new ModelRegistry(store, TestModels.CPU, 32);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aValidModelIsStoredAndDescribed() {
        byte[] onnx = TestModels.bytes("scale2-8x8.onnx");
        ModelInfo info = registry.register("scale2", onnx);
        assertThat(info.name()).isEqualTo("scale2");
        assertThat(info.inputSize()).containsExactly(8, 8);
        assertThat(info.metadata()).containsEntry("family", "test-scale2").containsEntry("input_size", "8");
        assertThat(info.error()).isNull();
        assertThat(store.files.get("scale2")).isEqualTo(onnx);
        assertThat(registry.list()).containsExactly(info);
        assertThat(registry.describe("scale2")).isEqualTo(info);
    }

    @Test
    void aModelBreakingTheContractIsNotStored() {
        assertThatThrownBy(() -> registry.register("bad", TestModels.bytes("wrong-input-name.onnx")))
                .isInstanceOf(ModelContractException.class)
                .hasMessage("input 'x' found, expected 'image'");
        assertThat(store.files).isEmpty();
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void namesFollowTheRule() {
        byte[] onnx = TestModels.bytes("scale2-8x8.onnx");
        for (String bad : new String[] {"Scale2", "-x", ".x", "a/b", "x".repeat(65), "ae latent", ""}) {
            assertThatThrownBy(() -> registry.register(bad, onnx))
                    .isInstanceOf(ModelRegistry.InvalidModelNameException.class);
        }
        assertThatThrownBy(() -> registry.register(null, onnx))
                .hasMessage("a model name is required: it must match [a-z0-9][a-z0-9._-]{0,63} (lower-case "
                        + "letters, digits, '.', '_', '-'; at most 64 characters)");
        assertThatThrownBy(() -> registry.register("a/b", onnx))
                .hasMessageStartingWith("model name 'a/b' is invalid: it must match ");
        for (String good : new String[] {"0", "ae-latent128", "vq_vae.2", "x".repeat(64)}) {
            assertThat(registry.register(good, onnx).name()).isEqualTo(good);
        }
        assertThat(store.files).hasSize(4);
    }

    @Test
    void aNameIsRegisteredOnce() {
        registry.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
        assertThatThrownBy(() -> registry.register("scale2", TestModels.bytes("position-8x8.onnx")))
                .isInstanceOf(ModelRegistry.DuplicateModelException.class)
                .hasMessage("model 'scale2' is already registered; choose another name");
        // also when only the store knows it (another replica registered it)
        store.files.put("elsewhere", TestModels.bytes("scale2-8x8.onnx"));
        assertThatThrownBy(() -> registry.register("elsewhere", TestModels.bytes("scale2-8x8.onnx")))
                .isInstanceOf(ModelRegistry.DuplicateModelException.class);
    }

    @Test
    void storedModelsAreLoadedLazilyByAnotherReplicaOrAfterARestart() {
        registry.register("position", TestModels.bytes("position-8x8.onnx"));
        try (ModelRegistry restarted = new ModelRegistry(store, TestModels.CPU, 32)) {
            assertThat(restarted.names()).containsExactly("position");
            OnnxModel model = restarted.model("position");
            assertThat(model.inputSize()).containsExactly(8, 8);
            assertThat(restarted.model("position")).isSameAs(model); // one session per model
        }
    }

    @Test
    void unknownModelsListTheRegisteredOnes() {
        registry.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
        assertThatThrownBy(() -> registry.model("ae-latent128"))
                .isInstanceOf(ModelRegistry.UnknownModelException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'ae-latent128'; registered: [scale2]");
        // a name the rule forbids cannot be stored, so it is unknown too (and never reaches the store)
        assertThatThrownBy(() -> registry.model("../secrets"))
                .hasMessage("unknown model '../secrets'; registered: [scale2]");
    }

    @Test
    void aStoredFileThatNoLongerLoadsIsListedWithItsError() {
        store.files.put("broken", TestModels.bytes("int64-input.onnx"));
        assertThat(registry.list()).containsExactly(new ModelInfo("broken", List.of(), List.of(), List.of(),
                java.util.Map.of(), "stored model 'broken' cannot be used: input 'image' type INT64, expected FLOAT"));
    }

    @Test
    void modelsAreReconstructorsNamedOnnxColonName() {
        registry.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
        Reconstructors reconstructors = registry.registerIn(Reconstructors.defaults());
        assertThat(reconstructors.supported()).containsExactly("gaussian-blur", "onnx:<model>");

        Reconstructor atSigma1 = reconstructors.get("onnx:scale2", 1.0);
        // The sigma does not matter to a model: every sigma gets the same shared reconstructor.
        assertThat(reconstructors.get("onnx:scale2", 2.5)).isSameAs(atSigma1);
        FloatArray in = new FloatArray(new int[] {1, 2, 2}, new float[] {0.25f, 0.5f, 1f, 0f});
        // 2x2 padded into 8x8 at rows/columns 3..4, then cropped back: exactly 2x.
        assertThat(atSigma1.reconstruct(in).data()).containsExactly(0.5f, 1f, 2f, 0f);

        assertThatThrownBy(() -> reconstructors.get("onnx:nope", 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'nope'; registered: [scale2]");
        assertThatThrownBy(() -> reconstructors.get("onnx", 0.0))
                .hasMessage("reconstructor 'onnx' needs a model name: onnx:<model>; registered: [scale2]");
    }

    @Test
    void bundledModelsAreRegisteredWhenTheirNameIsFree(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("scale2.onnx"), TestModels.bytes("scale2-8x8.onnx"));
        Files.write(dir.resolve("position.onnx"), TestModels.bytes("position-8x8.onnx"));
        Files.write(dir.resolve("bad.onnx"), TestModels.bytes("int64-input.onnx"));
        Files.write(dir.resolve("README.md"), new byte[] {1});
        store.files.put("position", TestModels.bytes("scale2-8x8.onnx")); // already registered: kept

        assertThat(registry.registerBundled(dir)).containsExactly("scale2");
        assertThat(store.files).containsOnlyKeys("scale2", "position");
        assertThat(store.files.get("position")).isEqualTo(TestModels.bytes("scale2-8x8.onnx"));
        assertThat(registry.registerBundled(dir)).isEmpty(); // a restart registers nothing again
    }
}
