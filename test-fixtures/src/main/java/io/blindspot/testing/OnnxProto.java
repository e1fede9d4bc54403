package io.blindspot.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes ONNX protobuf bytes by hand (field numbers of onnx.proto3), for files the Python generator does not
 * make: two inputs, wrong ranks, external data, huge declared tensors, foreign opsets. Shared by the
 * inference-service's tests and the launcher's end-to-end tests.
 */
public final class OnnxProto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static OnnxProto message() {
        return new OnnxProto();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public OnnxProto varint(int field, long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    public OnnxProto bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    public OnnxProto string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public OnnxProto message(int field, OnnxProto value) {
        return bytes(field, value.bytes());
    }

    private void tag(int field, int wire) {
        raw(((long) field << 3) | wire);
    }

    private void raw(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // ---- ONNX building blocks ----

    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    /** A ValueInfoProto of a tensor; dims are Long (fixed) or String (symbolic). */
    public static OnnxProto value(String name, int elemType, List<Object> dims) {
        OnnxProto shape = message();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? message().string(2, s) : message().varint(1, (Long) d));
        }
        return message().string(1, name)
                .message(2, message().message(1, message().varint(1, elemType).message(2, shape)));
    }

    /** The contract's [N, 1, h, w] float tensor. */
    public static OnnxProto image(String name, long h, long w) {
        return value(name, FLOAT, List.of("N", 1L, h, w));
    }

    /** A TensorProto with raw data. */
    public static OnnxProto tensor(String name, int dataType, long[] dims, byte[] raw) {
        OnnxProto t = message();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, dataType).string(8, name);
        return raw == null ? t : t.bytes(9, raw);
    }

    /** An Identity node. */
    public static OnnxProto identity(String in, String out) {
        return message().string(1, in).string(2, out).string(4, "Identity");
    }

    /** A ModelProto: IR 8, the given default-domain opset, the graph. */
    public static byte[] model(long opset, OnnxProto graph) {
        return message().varint(1, 8).message(8, message().string(1, "").varint(2, opset))
                .message(7, graph).bytes();
    }

    /** image -> Identity -> reconstruction, 8x8: a valid model ONNX Runtime loads. */
    public static OnnxProto identityGraph() {
        return message().message(1, identity("image", "reconstruction")).string(2, "g")
                .message(11, image("image", 8, 8)).message(12, image("reconstruction", 8, 8));
    }
}
