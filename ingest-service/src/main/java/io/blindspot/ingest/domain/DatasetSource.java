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
                    return new Store(rest);
                }
            }
            default -> {
            }
        }
        throw new InvalidSpecException(path + " must be sample:NAME, upload:ID or store:KEY, got '" + text + "'");
    }
}
