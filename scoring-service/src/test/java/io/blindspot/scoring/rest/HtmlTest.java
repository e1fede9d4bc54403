package io.blindspot.scoring.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void numbersHaveFourSignificantDigitsAndADashForNone() {
        assertThat(Html.num(0.123456)).isEqualTo("0.1235");
        assertThat(Html.num(null)).isEqualTo("–");
        assertThat(Html.num(Double.NaN)).isEqualTo("–");
    }
}
