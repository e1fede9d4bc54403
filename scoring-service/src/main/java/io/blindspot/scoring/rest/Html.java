package io.blindspot.scoring.rest;

import java.util.Locale;

/**
 * What the HTML pages share outside their templates ({@link Pages}): their media type and how a number is
 * written in their tables.
 */
final class Html {
    static final String MEDIA_TYPE = "text/html;charset=utf-8";

    private Html() {
    }

    /** A number for a table: 4 significant digits, "–" for none. */
    static String num(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
