package io.blindspot.scoring.rest;

import java.util.Locale;

/**
 * The few pieces every HTML page of the scoring-service shares: escaping, the page frame and the figure check.
 * Pages are self-contained (inline CSS and script, figures from this service's own endpoints), so they work
 * offline and in a headless browser.
 */
final class Html {
    static final String MEDIA_TYPE = "text/html;charset=utf-8";

    /**
     * Marks on {@code <body data-figures>} whether every figure rendered: "ok" once every {@code <img>} has loaded
     * with a natural width, else "broken:" and the sources that did not. Headless Chromium's test reads it from
     * the dumped DOM; a person can read it in the developer tools.
     */
    static final String FIGURE_CHECK = """
            <script>
            window.addEventListener('load', function () {
              var broken = Array.prototype.filter.call(document.images, function (img) {
                return !(img.complete && img.naturalWidth > 0);
              }).map(function (img) { return img.getAttribute('src'); });
              document.body.dataset.figures = broken.length === 0 ? 'ok' : 'broken:' + broken.join(' ');
            });
            </script>
            """;

    private static final String STYLE = """
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; margin: 0.8em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .status-done { color: #2a7d2a; } .status-running { color: #b07000; } .status-failed { color: #b00020; }
            .status-waiting { color: #b07000; } .status-stalled { color: #b00020; }
            img.thumb { width: 320px; border: 1px solid #ddd; }
            img.figure { max-width: 100%; border: 1px solid #ddd; }
            .muted { color: #777; }
            </style>
            """;

    private Html() {
    }

    /** Escapes text for element content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page.
     *
     * @param refresh reload every 5 s (something on it is still running)
     * @param body    the page's content, already escaped
     */
    static String page(String title, boolean refresh, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">\n" : "")
                + "<title>" + escape(title) + "</title>\n" + STYLE + "</head>\n<body>\n" + body
                + FIGURE_CHECK + "</body>\n</html>\n";
    }

    /** A status word coloured by its value. */
    static String status(String status) {
        return "<span class=\"status-" + escape(status) + "\">" + escape(status) + "</span>";
    }

    /** A number for a table: 4 significant digits, "–" for none. */
    static String num(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
