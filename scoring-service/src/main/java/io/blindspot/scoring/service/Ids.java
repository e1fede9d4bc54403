package io.blindspot.scoring.service;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Experiment and audit ids are the UUIDs ingest draws. An id that is not one cannot name anything, so it is a
 * 400 saying so rather than a 404 that suggests waiting for it. The canonical 8-4-4-4-12 hex form is required:
 * {@link UUID#fromString} alone would take "1-1-1-1-1".
 */
public final class Ids {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** @throws InvalidRequestException (400) naming the id when it is not a canonical UUID */
    public static UUID experiment(String id) {
        return UUID.fromString(require(id, "experiment id", "the \"id\" that POST /api/experiments answered"));
    }

    /** @throws InvalidRequestException (400) naming the id when it is not a canonical UUID */
    public static String audit(String id) {
        return require(id, "audit id", "the \"auditId\" that POST /api/audits answered");
    }

    private static String require(String id, String what, String use) {
        String trimmed = id == null ? "" : id.trim();
        if (!CANONICAL.matcher(trimmed).matches()) {
            throw new InvalidRequestException(what + " '" + printable(id == null ? "" : id) + "' is not a UUID; use "
                    + use + ", e.g. 0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a0b");
        }
        return trimmed;
    }

    /** Control characters as \\uXXXX and at most 80 characters, so that an echoed id cannot forge lines. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : Character.toString(c)));
        return s.codePointCount(0, s.length()) > 80 ? b + "..." : b.toString();
    }
}
