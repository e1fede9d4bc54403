package io.blindspot.scoring.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<b>\"a\" & 'b'</b>")).isEqualTo("&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void everyPageCarriesTheFigureCheckAndRefreshesOnlyWhileRunning() {
        String running = Html.page("t <1>", true, "<p>x</p>");
        assertThat(running).startsWith("<!DOCTYPE html>").contains("<title>t &lt;1&gt;</title>")
                .contains("<meta http-equiv=\"refresh\" content=\"5\">")
                .contains("document.body.dataset.figures", "naturalWidth > 0", "'broken:'");
        assertThat(Html.page("t", false, "")).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void numbersHaveFourSignificantDigitsAndADashForNone() {
        assertThat(Html.num(0.123456)).isEqualTo("0.1235");
        assertThat(Html.num(null)).isEqualTo("–");
        assertThat(Html.num(Double.NaN)).isEqualTo("–");
    }
}
