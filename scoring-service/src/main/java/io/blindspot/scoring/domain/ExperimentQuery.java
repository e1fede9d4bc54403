package io.blindspot.scoring.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One page of the experiment list ({@code GET /api/experiments}), newest first: at most {@code limit} experiments
 * after skipping {@code offset}, only those whose status is {@code status} when one is given.
 *
 * @param status null for every status
 */
public record ExperimentQuery(int limit, long offset, ExperimentStatus status) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** A query parameter that cannot be read; its message says which and what is accepted. */
    public static final class InvalidQueryException extends IllegalArgumentException {
        InvalidQueryException(String message) {
            super(message);
        }
    }

    public ExperimentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit must be an integer from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new InvalidQueryException("offset must be an integer >= 0, got " + offset);
        }
    }

    /**
     * The query as its parameters were written (each may be absent: null or blank).
     *
     * @throws InvalidQueryException naming the parameter at fault
     */
    public static ExperimentQuery parse(String limit, String offset, String status) {
        long l = blank(limit) ? DEFAULT_LIMIT : integer("limit", limit, "from 1 to " + MAX_LIMIT);
        if (l < 1 || l > MAX_LIMIT) {
            throw new InvalidQueryException("limit must be an integer from 1 to " + MAX_LIMIT + ", got " + l);
        }
        long o = blank(offset) ? 0 : integer("offset", offset, ">= 0");
        return new ExperimentQuery((int) l, o, blank(status) ? null : status(status.strip()));
    }

    /** The page after this one. */
    public ExperimentQuery next() {
        return new ExperimentQuery(limit, offset + limit, status);
    }

    private static ExperimentStatus status(String label) {
        return ExperimentStatus.byLabel(label.toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidQueryException(
                "status must be one of " + Arrays.stream(ExperimentStatus.values()).map(ExperimentStatus::label)
                        .collect(Collectors.joining(", ")) + ", got '" + shorten(label) + "'"));
    }

    private static long integer(String name, String text, String range) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be an integer " + range + ", got '" + shorten(text) + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** At most 40 characters of what the client sent, control characters dropped: the message echoes it. */
    private static String shorten(String s) {
        String clean = s.codePoints().filter(c -> !Character.isISOControl(c)).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() < s.length() ? clean + "..." : clean;
    }
}
