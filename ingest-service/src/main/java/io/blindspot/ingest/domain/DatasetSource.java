package io.blindspot.ingest.domain;

import java.util.regex.Pattern;

/**
 * Where an experiment's volume comes from, as written in {@code dataset.source}:
 * {@code sample:NAME} (a volume bundled with the service, {@code /samples/NAME.nii.gz} on the classpath),
 * {@code upload:ID} (a volume sent to {@code POST /api/volumes}) or {@code store:KEY} (any object in the bucket).
 */
public sealed interface DatasetSource {
    /** Sample names and upload ids: no slashes, so they cannot reach outside their folder. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** S3 keys are at most 1024 bytes; ours are ASCII (below), so characters. */
    int MAX_KEY_LENGTH = 1024;

    /** The source as written in a spec, e.g. {@code sample:ch2bet}. */
    String text();

    record Sample(String name) implements DatasetSource {
        public String text() {
            return "sample:" + name;
        }
    }

    record Upload(String id) implements DatasetSource {
        public String text() {
            return "upload:" + id;
        }
    }

    record Store(String key) implements DatasetSource {
        public String text() {
            return "store:" + key;
        }
    }

    /** @throws InvalidSpecException naming {@code dataset.source} when {@code text} is none of the three forms */
    static DatasetSource parse(String text) {
        return parse(text, "dataset.source");
    }

    /** @throws InvalidSpecException naming {@code path} when {@code text} is none of the three forms */
    static DatasetSource parse(String text, String path) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind) {
            case "sample" -> {
                if (NAME.matcher(rest).matches()) {
                    return new Sample(rest);
                }
            }
            case "upload" -> {
                if (NAME.matcher(rest).matches()) {
                    return new Upload(rest);
                }
            }
            case "store" -> {
                if (!rest.isBlank()) {
                    checkKey(rest, path);
                    return new Store(rest);
                }
            }
            default -> {
            }
        }
        throw new InvalidSpecException(path + " must be sample:NAME, upload:ID or store:KEY, got '" + printable(text)
                + "'");
    }

    /**
     * A {@code store:KEY} names an object by its plain key: S3's "safe characters" only (letters, digits and
     * {@code ! - _ . * ' ( )}, with {@code /} between non-empty segments), no {@code .} or {@code ..} segment.
     * S3 would take almost any text, but keys with dot segments, control characters or look-alike letters
     * (Cyrillic 'а' for 'a') are how a key that reads right names another object; refusing them costs nothing,
     * since every key the services write is safe.
     */
    static void checkKey(String key, String path) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidSpecException(path + ": the store key is " + key.length() + " characters, at most "
                    + MAX_KEY_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean safe = c < 128 && (Character.isLetterOrDigit(c) || "!-_.*'()/:".indexOf(c) >= 0);
            if (!safe) {
                String name = Character.getName(key.codePointAt(i));
                throw new InvalidSpecException(String.format(java.util.Locale.ROOT,
                        "%s: store key '%s' has the character U+%04X%s at position %d; keys may use only letters "
                                + "A-Z a-z, digits and ! - _ . * ' ( ) : with / between segments", path, printable(key),
                        key.codePointAt(i), name == null ? "" : " (" + name + ")", i));
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidSpecException(path + ": store key '" + key + "' has an empty, '.' or '..' segment; "
                        + "name the object by its plain key, e.g. store:volumes/brain.nii.gz");
            }
        }
    }

    /** Text for a message: control characters written as \\uXXXX so that they neither hide nor break a line. */
    static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.chars().forEach(c -> s.append(Character.isISOControl(c)
                ? String.format(java.util.Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
        return s.toString();
    }
}
