package io.blindspot.contracts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (version 1.0) for float32 little-endian C-order arrays, so that
 * {@code numpy.load} opens every artefact the pipeline stores.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Serialises {@code array} as a version 1.0 .npy file. */
    public static byte[] write(FloatArray array) {
        StringBuilder shape = new StringBuilder();
        for (int d : array.shape()) {
            shape.append(d).append(", ");
        }
        if (array.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (array.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
        // Magic (6) + version (2) + header length (2) + dict + '\n', padded to a multiple of 64 as numpy does.
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);

        ByteBuffer buffer = ByteBuffer.allocate(10 + headerBytes.length + 4 * array.data().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        buffer.asFloatBuffer().put(array.data());
        return buffer.array();
    }

    /** Reads a .npy file holding float32 ('&lt;f4') data in C order. */
    public static FloatArray read(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IllegalArgumentException("not a .npy file (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int dataOffset;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            dataOffset = 10 + headerLength;
        } else if (major == 2 || major == 3) {
            headerLength = buffer.getInt(8);
            dataOffset = 12 + headerLength;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        String header = new String(bytes, dataOffset - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr");
        if (!descr.equals("<f4")) {
            throw new IllegalArgumentException("expected float32 little-endian ('<f4'), found '" + descr + "'");
        }
        if (find(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("Fortran-order .npy arrays are not supported");
        }
        String[] parts = find(SHAPE, header, "shape").split(",");
        int[] shape = Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (bytes.length - dataOffset != 4 * count) {
            throw new IllegalArgumentException("data length " + (bytes.length - dataOffset) + " does not match shape "
                    + Arrays.toString(shape));
        }
        float[] data = new float[(int) count];
        buffer.position(dataOffset);
        buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new FloatArray(shape, data);
    }

    private static String find(Pattern pattern, String header, String what) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(".npy header has no '" + what + "': " + header.trim());
        }
        return m.group(1);
    }

}
