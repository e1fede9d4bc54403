package io.blindspot.inference.domain.onnx;

import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.testing.OnnxProto;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.blindspot.testing.OnnxProto.FLOAT;
import static io.blindspot.testing.OnnxProto.INT64;
import static io.blindspot.testing.OnnxProto.identity;
import static io.blindspot.testing.OnnxProto.identityGraph;
import static io.blindspot.testing.OnnxProto.image;
import static io.blindspot.testing.OnnxProto.message;
import static io.blindspot.testing.OnnxProto.model;
import static io.blindspot.testing.OnnxProto.tensor;
import static io.blindspot.testing.OnnxProto.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxHeaderTest {
    private static void check(byte[] onnx) {
        OnnxHeader.check(ByteBuffer.wrap(onnx), OnnxHeader.Limits.DEFAULT);
    }

    private static void refused(byte[] onnx, String fragment) {
        assertThatThrownBy(() -> check(onnx)).isInstanceOf(ModelContractException.class)
                .hasMessageContaining(fragment);
    }

    @Test
    void aHandWrittenIdentityModelPassesAndLoads() {
        byte[] onnx = model(13, identityGraph());
        check(onnx);
        try (OnnxModel loaded = OnnxModel.load("identity", onnx, TestModels.CPU)) {
            assertThat(loaded.inputSize()).containsExactly(8, 8);
        }
    }

    @Test
    void theGeneratedTestModelsGiveTheSessionCheckSMessages() {
        for (String ok : List.of("scale2-8x8.onnx", "position-8x8.onnx", "extra-output-8x8.onnx",
                "fixed-batch2-8x8.onnx", "half-size-output.onnx")) {
            assertThatCode(() -> check(TestModels.bytes(ok))).as(ok).doesNotThrowAnyException();
        }
        refused(TestModels.bytes("wrong-input-name.onnx"), "input 'x' found, expected 'image'");
        refused(TestModels.bytes("int64-input.onnx"), "input 'image' type INT64, expected FLOAT");
        refused(TestModels.bytes("three-channels.onnx"), "input 'image' has 3 channels, expected 1");
        refused(TestModels.bytes("dynamic-size.onnx"), "input 'image' must have a fixed H and W");
        refused(TestModels.bytes("no-reconstruction-output.onnx"),
                "output 'reconstruction' missing; outputs: [output: FLOAT [N, 1, 8, 8]]");
    }

    @Test
    void refusesWrongInputs() {
        refused(model(13, message().message(1, identity("image", "reconstruction"))
                .message(11, image("image", 8, 8)).message(11, image("mask", 8, 8))
                .message(12, image("reconstruction", 8, 8))), "inputs [image, mask] found, expected exactly one");
        refused(model(13, message().message(1, identity("image", "reconstruction"))
                .message(11, value("image", FLOAT, List.of("N", 8L, 8L)))
                .message(12, image("reconstruction", 8, 8))), "input 'image' has rank 3 [N, 8, 8], expected rank 4");
        refused(model(13, message().message(1, identity("image", "reconstruction"))
                .message(11, value("image", INT64, List.of("N", 1L, 8L, 8L)))
                .message(12, image("reconstruction", 8, 8))), "type INT64, expected FLOAT");
        refused(model(13, message().message(1, identity("image", "reconstruction"))
                .message(11, image("image", 8, 8))
                .message(12, value("reconstruction", FLOAT, List.of("N", 8L, 8L)))), "output 'reconstruction' has rank 3");
    }

    @Test
    void anInitialiserListedAmongTheInputsIsNotAnInput() {
        byte[] w = new byte[4];
        check(model(13, identityGraph().message(5, tensor("w", FLOAT, new long[] {1}, w))
                .message(11, value("w", FLOAT, List.of(1L)))));
    }

    @Test
    void refusesExternalDataAnywhere() {
        OnnxProto external = tensor("w", FLOAT, new long[] {4}, null).varint(14, 1)
                .message(13, message().string(1, "location").string(2, "../../etc/passwd"));
        refused(model(13, identityGraph().message(5, external)), "initializer 'w' keeps its data in an external file");
        // A Constant node inside an If's subgraph.
        OnnxProto constant = message().string(2, "c").string(4, "Constant")
                .message(5, message().string(1, "value").message(5, tensor("c", FLOAT, new long[] {1}, null)
                        .message(13, message().string(1, "location").string(2, "weights.bin"))));
        OnnxProto ifNode = message().string(1, "cond").string(2, "y").string(4, "If")
                .message(5, message().string(1, "then_branch").message(6, message().message(1, constant)));
        refused(model(13, identityGraph().message(1, ifNode)), "constant 'c' keeps its data in an external file");
    }

    @Test
    void refusesTensorsDeclaringMoreThanTheyCarry() {
        refused(model(13, identityGraph().message(5, tensor("huge", FLOAT, new long[] {100_000, 100_000}, null))),
                "initializer 'huge' declares FLOAT [100000, 100000] = 40000000000 bytes, more than the limit");
        refused(model(13, identityGraph().message(5, tensor("w", FLOAT, new long[] {1000}, new byte[4]))),
                "initializer 'w' declares FLOAT [1000] = 4000 bytes but its raw_data has 4");
        refused(model(13, identityGraph().message(5, tensor("w", FLOAT, new long[] {1 << 20}, null)
                .bytes(4, new byte[8]))), "carries only");
        refused(model(13, identityGraph().message(5, tensor("w", FLOAT, new long[] {1L << 40, 1L << 40}, null))),
                "over 2^63");
    }

    @Test
    void refusesASingularMessageFieldWrittenTwiceSinceProtobufWouldMergeTheOccurrences() {
        // A first graph with an external-data initialiser, then a clean one: checking only the last would pass it.
        OnnxProto external = identityGraph().message(5, tensor("w", FLOAT, new long[] {4}, null).varint(14, 1));
        refused(message().varint(1, 8).message(8, message().string(1, "").varint(2, 13))
                .message(7, external).message(7, identityGraph()).bytes(),
                "not a loadable ONNX model: the model's graph occurs more than once in the file");
        refused(message().varint(1, 8).message(8, message().string(1, "").varint(2, 13))
                .message(7, identityGraph()).message(7, identityGraph()).bytes(), "the model's graph occurs more");
        // An attribute's t, g and sparse_tensor, each twice (each occurrence alone is fine).
        OnnxProto small = tensor("c", FLOAT, new long[] {1}, new byte[4]);
        refused(model(13, identityGraph().message(1, message().string(2, "c").string(4, "Constant")
                .message(5, message().string(1, "value").message(5, small).message(5, small)))),
                "a node attribute's tensor 't' occurs more than once");
        OnnxProto ifNode = message().string(1, "cond").string(2, "y").string(4, "If")
                .message(5, message().string(1, "then_branch").message(6, message()).message(6, message()));
        refused(model(13, identityGraph().message(1, ifNode)), "a node attribute's graph 'g' occurs more than once");
        OnnxProto sparse = sparse(small, new long[] {4});
        refused(model(13, identityGraph().message(1, message().string(2, "c").string(4, "Constant")
                .message(5, message().string(1, "sparse_value").message(22, sparse).message(22, sparse)))),
                "a node attribute's 'sparse_tensor' occurs more than once");
        // A sparse tensor's values twice.
        refused(model(13, identityGraph().message(15, sparse(small, new long[] {4}).message(1, small))),
                "a sparse initializer's values occurs more than once");
        // Repeated fields stay repeated: two initialisers, two constants in one attribute's tensors (field 10).
        check(model(13, identityGraph().message(5, tensor("a", FLOAT, new long[] {1}, new byte[4]))
                .message(5, tensor("b", FLOAT, new long[] {1}, new byte[4]))
                .message(1, message().string(2, "c").string(4, "Custom")
                        .message(5, message().string(1, "tensors").message(10, small).message(10, small)))));
    }

    /** A SparseTensorProto: {@code values} at index 0 .. n-1, INT64 indices, the dense shape {@code dims}. */
    private static OnnxProto sparse(OnnxProto values, long[] dims) {
        OnnxProto s = message().message(1, values).message(2, tensor("", INT64, new long[] {1}, new byte[8]));
        for (long d : dims) {
            s.varint(3, d);
        }
        return s;
    }

    @Test
    void refusesASparseTensorWhoseDenseShapeIsTooLargeSinceOnnxRuntimeDensifiesIt() {
        OnnxProto one = tensor("w", FLOAT, new long[] {1}, new byte[4]);
        check(model(13, identityGraph().message(15, sparse(one, new long[] {1000}))));
        refused(model(13, identityGraph().message(15, sparse(one, new long[] {100_000, 100_000}))),
                "sparse initializer 'w' declares dense FLOAT [100000, 100000] = 40000000000 bytes, more than the "
                        + "limit of 536870912 per tensor");
        refused(model(13, identityGraph().message(1, message().string(2, "c").string(4, "Constant")
                .message(5, message().string(1, "sparse_value").message(22, sparse(one, new long[] {1L << 40}))))),
                "sparse constant 'w' declares dense FLOAT [1099511627776] = 4398046511104 bytes, more than the limit");
        refused(model(13, identityGraph().message(15, sparse(one, new long[] {-1}))),
                "sparse initializer 'w' has a negative dimension -1");
        refused(model(13, identityGraph().message(15, message().varint(3, 4))), "a sparse initializer has no values");
    }

    @Test
    void refusesOpsetsOutsideTheRangeAndForeignDomains() {
        refused(model(99, identityGraph()), "opset 99 is outside the supported range 7 to 23");
        refused(model(3, identityGraph()), "opset 3 is outside");
        refused(message().varint(1, 8).message(8, message().string(1, "evil.ops").varint(2, 1))
                .message(8, message().string(1, "").varint(2, 13)).message(7, identityGraph()).bytes(),
                "operator domain 'evil.ops' is not supported");
        refused(message().varint(1, 8).message(7, identityGraph()).bytes(), "imports no default-domain opset");
    }

    @Test
    void refusesWhatIsNotAModelProto() {
        refused(new byte[0], "the model file is empty");
        refused("not an onnx file at all, just text".getBytes(), "not a loadable ONNX model");
        byte[] valid = model(13, identityGraph());
        refused(java.util.Arrays.copyOf(valid, valid.length - 5), "not a loadable ONNX model");
        assertThatThrownBy(() -> OnnxHeader.check(ByteBuffer.wrap(valid), new OnnxHeader.Limits(10, 7, 23, 100)))
                .hasMessageContaining("more than the limit of 10");
    }

    @Test
    void aRefusedUploadIsNeverStoredNorLoaded() throws Exception {
        InMemoryModelStore store = new InMemoryModelStore();
        try (ModelRegistry registry = new ModelRegistry(store, TestModels.CPU, 32)) {
            Path file = Files.createTempFile("bad", ".onnx");
            try {
                Files.write(file, model(13, identityGraph().message(5, tensor("w", FLOAT, new long[] {4}, null)
                        .varint(14, 1))));
                assertThatThrownBy(() -> registry.register("ext", file)).hasMessageContaining("external file");
                assertThat(store.files).isEmpty();
                Files.write(file, model(13, identityGraph()));
                assertThat(registry.register("ok", file).inputSize()).containsExactly(8, 8);
                assertThat(store.files).containsKey("ok");
            } finally {
                Files.delete(file);
            }
        }
    }
}
