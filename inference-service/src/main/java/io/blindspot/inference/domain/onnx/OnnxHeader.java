package io.blindspot.inference.domain.onnx;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks an uploaded ONNX file from its protobuf bytes BEFORE ONNX Runtime sees it, so that native code only
 * ever parses a file that is plainly a self-contained model meeting {@link OnnxContract}:
 * <ul>
 *   <li>size at most {@link Limits#maxModelBytes};</li>
 *   <li>a {@code ModelProto} with a graph, whose default-domain opset is in {@link Limits#minOpset} ..
 *       {@link Limits#maxOpset} and whose other operator domains are ONNX Runtime's own
 *       ({@code ai.onnx.ml}, {@code com.microsoft});</li>
 *   <li>no tensor anywhere (initialisers, constants in node attributes, subgraphs, functions) with external data
 *       ({@code data_location = EXTERNAL} or {@code external_data} entries): they name files next to the model,
 *       which for an upload means files of the server;</li>
 *   <li>every tensor carries the bytes its shape declares (raw_data exactly; typed fields within their varint
 *       encoding), and none declares more than {@link Limits#maxTensorBytes}: a few bytes declaring a huge
 *       tensor (an "ONNX zip bomb") are refused before anything is allocated for them;</li>
 *   <li>sparse tensors' dense shape ({@code dims}) within {@link Limits#maxTensorBytes} too: ONNX Runtime
 *       densifies sparse initialisers and constants at load;</li>
 *   <li>each singular message field the check descends into (the model's graph, an attribute's {@code t},
 *       {@code g}, {@code sparse_tensor}, a sparse tensor's values and indices) occurs once: protobuf merges
 *       repeated occurrences, so a first graph with external data followed by a clean one would otherwise pass;</li>
 *   <li>the graph's inputs (less its initialisers) and outputs as {@link OnnxContract} requires them.</li>
 * </ul>
 * The protobuf wire format is read directly (field numbers of onnx.proto3): no generated classes, no copy of the
 * file. Each violation is a {@link ModelContractException} naming it. The session's own contract check still
 * runs afterwards.
 */
public final class OnnxHeader {
    /** TensorProto.DataType names by code, as onnx.proto numbers them. */
    private static final String[] TYPES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
            "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128",
            "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4",
            "FLOAT4E2M1"};
    /** Bits per element by type code; 0 for strings and unknown types (not size-checked). */
    private static final int[] BITS = {0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8,
            4, 4, 4};
    private static final int FLOAT = 1;
    private static final int MAX_GRAPH_DEPTH = 16;
    private static final Set<String> KNOWN_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft");

    /**
     * @param maxModelBytes  largest file
     * @param minOpset       lowest default-domain opset accepted
     * @param maxOpset       highest default-domain opset accepted (what this ONNX Runtime implements)
     * @param maxTensorBytes largest single tensor (declared shape x element size)
     */
    public record Limits(long maxModelBytes, int minOpset, int maxOpset, long maxTensorBytes) {
        public static final Limits DEFAULT = new Limits(512L << 20, 7, 23, 512L << 20);
    }

    private OnnxHeader() {
    }

    /**
     * @param model the whole file, from its position to its limit (a heap or mapped buffer; not modified)
     * @throws ModelContractException naming the first violation
     */
    public static void check(ByteBuffer model, Limits limits) {
        long size = model.remaining();
        if (size == 0) {
            throw new ModelContractException("the model file is empty");
        }
        if (size > limits.maxModelBytes()) {
            throw new ModelContractException("the model file has " + size + " bytes, more than the limit of "
                    + limits.maxModelBytes());
        }
        try {
            new OnnxHeader.Walk(limits).model(new Reader(model.slice()));
        } catch (Malformed | BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            if (e instanceof ModelContractException contract) {
                throw contract;
            }
            throw new ModelContractException("not a loadable ONNX model: the file is not an ONNX ModelProto ("
                    + (e.getMessage() == null ? "truncated protobuf" : e.getMessage()) + ")", e);
        }
    }

    /** The walk over one file: what it found so far. */
    private static final class Walk {
        private final Limits limits;

        Walk(Limits limits) {
            this.limits = limits;
        }

        void model(Reader r) {
            long irVersion = 0;
            Reader graph = null;
            Long opset = null;
            List<String> domains = new ArrayList<>();
            List<Reader> functions = new ArrayList<>();
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> irVersion = r.varint(tag);
                    case 7 -> graph = once(graph, r.message(tag), "the model's graph");
                    case 8 -> {
                        Reader op = r.message(tag);
                        String domain = "";
                        long version = 0;
                        while (op.more()) {
                            int t = op.tag();
                            switch (t >>> 3) {
                                case 1 -> domain = op.string(t);
                                case 2 -> version = op.varint(t);
                                default -> op.skip(t);
                            }
                        }
                        if (domain.isEmpty() || domain.equals("ai.onnx")) {
                            opset = version;
                        } else {
                            domains.add(domain);
                        }
                    }
                    case 25 -> functions.add(r.message(tag));
                    default -> r.skip(tag);
                }
            }
            if (irVersion <= 0 || graph == null) {
                throw new Malformed(irVersion <= 0 ? "no ir_version" : "no graph");
            }
            if (opset == null) {
                throw new ModelContractException("the model imports no default-domain opset; export it with an "
                        + "opset from " + limits.minOpset() + " to " + limits.maxOpset());
            }
            if (opset < limits.minOpset() || opset > limits.maxOpset()) {
                throw new ModelContractException("opset " + opset + " is outside the supported range "
                        + limits.minOpset() + " to " + limits.maxOpset() + "; export the model with an opset in it "
                        + "(e.g. torch.onnx.export(..., opset_version=17))");
            }
            for (String domain : domains) {
                if (!KNOWN_DOMAINS.contains(domain)) {
                    throw new ModelContractException("operator domain '" + printable(domain) + "' is not supported "
                            + "(custom operators need a library this service does not load); supported: "
                            + "ai.onnx, ai.onnx.ml, com.microsoft");
                }
            }
            graph(graph, 0, true);
            for (Reader function : functions) {
                while (function.more()) {
                    int tag = function.tag();
                    if (tag >>> 3 == 7) {
                        node(function.message(tag), 1);
                    } else {
                        function.skip(tag);
                    }
                }
            }
        }

        void graph(Reader r, int depth, boolean top) {
            if (depth > MAX_GRAPH_DEPTH) {
                throw new ModelContractException("subgraphs nested deeper than " + MAX_GRAPH_DEPTH);
            }
            List<Reader> inputs = new ArrayList<>();
            List<Reader> outputs = new ArrayList<>();
            Set<String> initialisers = new HashSet<>();
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> node(r.message(tag), depth);
                    case 5 -> initialisers.add(tensor(r.message(tag), "initializer"));
                    case 15 -> sparse(r.message(tag), "sparse initializer");
                    case 11 -> inputs.add(r.message(tag));
                    case 12 -> outputs.add(r.message(tag));
                    default -> r.skip(tag);
                }
            }
            if (top) {
                contract(inputs, outputs, initialisers);
            }
        }

        void node(Reader r, int depth) {
            while (r.more()) {
                int tag = r.tag();
                if (tag >>> 3 != 5) {
                    r.skip(tag);
                    continue;
                }
                Reader attribute = r.message(tag);
                // t, g and sparse_tensor are singular: each is checked where it occurs, so a second one is refused
                boolean t5 = false;
                boolean g6 = false;
                boolean s22 = false;
                while (attribute.more()) {
                    int t = attribute.tag();
                    switch (t >>> 3) {
                        case 5 -> {
                            t5 = single(t5, "a node attribute's tensor 't'");
                            tensor(attribute.message(t), "constant");
                        }
                        case 10 -> tensor(attribute.message(t), "constant");
                        case 6 -> {
                            g6 = single(g6, "a node attribute's graph 'g'");
                            graph(attribute.message(t), depth + 1, false);
                        }
                        case 11 -> graph(attribute.message(t), depth + 1, false);
                        case 22 -> {
                            s22 = single(s22, "a node attribute's 'sparse_tensor'");
                            sparse(attribute.message(t), "sparse constant");
                        }
                        case 23 -> sparse(attribute.message(t), "sparse constant");
                        default -> attribute.skip(t);
                    }
                }
            }
        }

        /**
         * Checks one SparseTensorProto: its values and indices tensors as tensors, and its dense shape ({@code dims})
         * against {@link Limits#maxTensorBytes}, since ONNX Runtime densifies sparse initialisers and constants
         * when it loads the model: a few values declaring a huge shape would allocate it all.
         */
        void sparse(Reader r, String role) {
            Tensor values = null;
            Tensor indices = null;
            List<Long> dims = new ArrayList<>();
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> values = once(values, tensorInfo(r.message(tag), role + " values"),
                            "a " + role + "'s values");
                    case 2 -> indices = once(indices, tensorInfo(r.message(tag), role + " indices"),
                            "a " + role + "'s indices");
                    case 3 -> r.varints(tag, dims);
                    default -> r.skip(tag);
                }
            }
            if (values == null) {
                throw new ModelContractException("a " + role + " has no values tensor");
            }
            declaredBytes(role + " '" + printable(values.name()) + "'", "dense ", dims, values.type());
        }

        /** Checks one TensorProto; returns its name. */
        String tensor(Reader r, String role) {
            return tensorInfo(r, role).name();
        }

        /** Checks one TensorProto; returns its name and data type. */
        Tensor tensorInfo(Reader r, String role) {
            List<Long> dims = new ArrayList<>();
            int type = 0;
            String name = "";
            long raw = -1;
            long typedBytes = 0;
            boolean external = false;
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> r.varints(tag, dims);
                    case 2 -> type = (int) r.varint(tag);
                    case 8 -> name = r.string(tag);
                    case 9 -> raw = r.message(tag).remaining();
                    case 4, 5, 6, 7, 10, 11 -> typedBytes += r.fieldBytes(tag);
                    case 13 -> {
                        external = true;
                        r.skip(tag);
                    }
                    case 14 -> external |= r.varint(tag) == 1;
                    default -> r.skip(tag);
                }
            }
            String what = role + " '" + printable(name) + "'";
            if (external) {
                throw new ModelContractException(what + " keeps its data in an external file; upload a "
                        + "self-contained model (onnx.save(model, path, save_as_external_data=False))");
            }
            long declared = declaredBytes(what, "", dims, type);
            if (declared < 0) {
                return new Tensor(name, type);
            }
            if (raw >= 0 && raw != declared) {
                throw new ModelContractException(what + " declares " + TYPES[type] + " " + dims + " = " + declared
                        + " bytes but its raw_data has " + raw);
            }
            // Typed fields hold at least one byte per element and at most 8 bytes per byte of data (varints); a
            // tensor declaring more than that carries less data than its shape says.
            if (raw < 0 && declared > 16 * typedBytes + 16) {
                throw new ModelContractException(what + " declares " + TYPES[type] + " " + dims + " = " + declared
                        + " bytes but carries only " + typedBytes + " bytes of data");
            }
            return new Tensor(name, type);
        }

        /**
         * The bytes a shape of {@code dims} elements of {@code type} takes, refused past
         * {@link Limits#maxTensorBytes}; -1 for types without a fixed element size (strings, unknown codes).
         */
        long declaredBytes(String what, String kind, List<Long> dims, int type) {
            long elements = 1;
            for (long d : dims) {
                if (d < 0) {
                    throw new ModelContractException(what + " has a negative dimension " + d);
                }
                elements = d == 0 ? 0 : (elements > Long.MAX_VALUE / d ? Long.MAX_VALUE : elements * d);
            }
            int bits = type >= 0 && type < BITS.length ? BITS[type] : 0;
            if (bits == 0) {
                return -1;
            }
            long declared = elements > Long.MAX_VALUE / bits ? Long.MAX_VALUE : (elements * bits + 7) / 8;
            if (declared > limits.maxTensorBytes()) {
                throw new ModelContractException(String.format(Locale.ROOT, "%s declares %s%s %s = %s bytes, more "
                        + "than the limit of %d per tensor", what, kind, TYPES[type], dims, declared == Long.MAX_VALUE
                        ? "over 2^63" : Long.toString(declared), limits.maxTensorBytes()));
            }
            return declared;
        }

        void contract(List<Reader> inputReaders, List<Reader> outputReaders, Set<String> initialisers) {
            List<Value> inputs = new ArrayList<>();
            for (Reader r : inputReaders) {
                Value v = Value.read(r);
                if (!initialisers.contains(v.name)) { // IR < 4 lists initialisers among the inputs
                    inputs.add(v);
                }
            }
            List<Value> outputs = outputReaders.stream().map(Value::read).toList();
            if (inputs.size() != 1) {
                throw new ModelContractException("inputs " + inputs.stream().map(v -> v.name).toList()
                        + " found, expected exactly one input '" + OnnxContract.INPUT + "'");
            }
            Value in = inputs.get(0);
            if (!OnnxContract.INPUT.equals(in.name)) {
                throw new ModelContractException("input '" + printable(in.name) + "' found, expected '"
                        + OnnxContract.INPUT + "'");
            }
            in.requireFloatRank4("input");
            if (!in.fixed(1) || in.dim(1) != 1) {
                throw new ModelContractException("input '" + OnnxContract.INPUT + "' has " + (in.fixed(1)
                        ? in.dim(1) : "a dynamic number of") + " channels, expected 1 (" + in + ")");
            }
            if (!in.fixed(2) || !in.fixed(3) || in.dim(2) <= 0 || in.dim(3) <= 0) {
                throw new ModelContractException("input '" + OnnxContract.INPUT + "' must have a fixed H and W, has "
                        + in.shape());
            }
            Value out = outputs.stream().filter(v -> OnnxContract.OUTPUT.equals(v.name)).findFirst()
                    .orElseThrow(() -> new ModelContractException("output '" + OnnxContract.OUTPUT
                            + "' missing; outputs: " + outputs));
            out.requireFloatRank4("output");
        }
    }

    /** What a checked TensorProto is: its name and data type code. */
    private record Tensor(String name, int type) {
    }

    /**
     * A singular message field seen a second time is refused: protobuf (so ONNX Runtime) merges repeated
     * occurrences of it into one, so checking each occurrence alone, or only the last, would let a first one
     * with external data or huge tensors through.
     */
    private static <T> T once(T previous, T next, String what) {
        single(previous != null, what);
        return next;
    }

    private static boolean single(boolean seen, String what) {
        if (seen) {
            throw new ModelContractException("not a loadable ONNX model: " + what + " occurs more than once in "
                    + "the file (protobuf would merge the occurrences); write each singular field once");
        }
        return true;
    }

    /** A graph input or output (ValueInfoProto): its tensor type and shape, when it is a tensor. */
    private static final class Value {
        String name = "";
        String kind = "UNKNOWN";
        int elemType;
        List<Object> dims;

        static Value read(Reader r) {
            Value v = new Value();
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> v.name = r.string(tag);
                    case 2 -> v.type(r.message(tag));
                    default -> r.skip(tag);
                }
            }
            return v;
        }

        private void type(Reader r) {
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> {
                        kind = "TENSOR";
                        tensorType(r.message(tag));
                    }
                    case 4 -> kind = skipAs(r, tag, "SEQUENCE");
                    case 5 -> kind = skipAs(r, tag, "MAP");
                    case 8 -> kind = skipAs(r, tag, "SPARSE_TENSOR");
                    case 9 -> kind = skipAs(r, tag, "OPTIONAL");
                    default -> r.skip(tag);
                }
            }
        }

        private static String skipAs(Reader r, int tag, String kind) {
            r.skip(tag);
            return kind;
        }

        private void tensorType(Reader r) {
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> elemType = (int) r.varint(tag);
                    case 2 -> {
                        dims = new ArrayList<>();
                        Reader shape = r.message(tag);
                        while (shape.more()) {
                            int t = shape.tag();
                            if (t >>> 3 != 1) {
                                shape.skip(t);
                                continue;
                            }
                            Reader dim = shape.message(t);
                            Object d = "?";
                            while (dim.more()) {
                                int dt = dim.tag();
                                switch (dt >>> 3) {
                                    case 1 -> d = dim.varint(dt);
                                    case 2 -> d = dim.string(dt);
                                    default -> dim.skip(dt);
                                }
                            }
                            dims.add(d);
                        }
                    }
                    default -> r.skip(tag);
                }
            }
        }

        void requireFloatRank4(String role) {
            if (!"TENSOR".equals(kind)) {
                throw new ModelContractException(role + " '" + printable(name) + "' is a " + kind
                        + ", expected a FLOAT tensor");
            }
            if (elemType != FLOAT) {
                throw new ModelContractException(role + " '" + printable(name) + "' type " + typeName(elemType)
                        + ", expected FLOAT");
            }
            if (dims == null || dims.size() != 4) {
                throw new ModelContractException(role + " '" + printable(name) + "' has rank "
                        + (dims == null ? "unknown" : dims.size() + " " + shape()) + ", expected rank 4 [N, 1, H, W]");
            }
        }

        boolean fixed(int i) {
            return dims.get(i) instanceof Long;
        }

        long dim(int i) {
            return (Long) dims.get(i);
        }

        List<Object> shape() {
            return dims == null ? List.of() : dims;
        }

        @Override
        public String toString() {
            return printable(name) + ": " + ("TENSOR".equals(kind) ? typeName(elemType) : kind) + " " + shape();
        }
    }

    private static String typeName(int code) {
        return code >= 0 && code < TYPES.length ? TYPES[code] : "type " + code;
    }

    /** Names from the file, for messages: control characters escaped, at most 100 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(100).forEach(c -> b.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : Character.toString(c)));
        return s.codePointCount(0, s.length()) > 100 ? b + "..." : b.toString();
    }

    /** A protobuf wire-format error. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** Reads protobuf fields from a window of the file, without copying it. */
    private static final class Reader {
        private final ByteBuffer b;

        Reader(ByteBuffer window) {
            this.b = window;
        }

        boolean more() {
            return b.hasRemaining();
        }

        long remaining() {
            return b.remaining();
        }

        int tag() {
            long tag = rawVarint();
            if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
                throw new Malformed("invalid field tag " + tag);
            }
            return (int) tag;
        }

        long varint(int tag) {
            if ((tag & 7) != 0) {
                throw new Malformed("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected a varint");
            }
            return rawVarint();
        }

        /** A repeated varint field, packed or not. */
        void varints(int tag, List<Long> into) {
            if ((tag & 7) == 2) {
                Reader packed = message(tag);
                while (packed.more()) {
                    into.add(packed.rawVarint());
                }
            } else {
                into.add(varint(tag));
            }
        }

        Reader message(int tag) {
            if ((tag & 7) != 2) {
                throw new Malformed("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected bytes");
            }
            long length = rawVarint();
            if (length < 0 || length > b.remaining()) {
                throw new Malformed("field " + (tag >>> 3) + " is " + length + " bytes long, only " + b.remaining()
                        + " remain");
            }
            ByteBuffer window = b.slice(b.position(), (int) length);
            b.position(b.position() + (int) length);
            return new Reader(window);
        }

        String string(int tag) {
            Reader s = message(tag);
            byte[] bytes = new byte[(int) Math.min(s.remaining(), 4096)];
            s.b.get(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** How many bytes a field's value occupies in the file. */
        long fieldBytes(int tag) {
            int start = b.position();
            skip(tag);
            return b.position() - start;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> rawVarint();
                case 1 -> advance(8);
                case 2 -> message(tag);
                case 5 -> advance(4);
                default -> throw new Malformed("field " + (tag >>> 3) + " has unsupported wire type " + (tag & 7));
            }
        }

        private void advance(int n) {
            if (b.remaining() < n) {
                throw new Malformed("truncated field");
            }
            b.position(b.position() + n);
        }

        private long rawVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!b.hasRemaining()) {
                    throw new Malformed("truncated varint");
                }
                byte x = b.get();
                value |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return value;
                }
            }
            throw new Malformed("varint longer than 10 bytes");
        }
    }
}
