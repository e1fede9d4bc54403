package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {
    private static JsonNode read(String json) {
        return SpecReader.read(json, SpecReader.Format.JSON);
    }

    @Test
    void aNullFieldCountsAsAbsent() {
        JsonNode node = read("{\"a\": null, \"b\": 1}");
        assertThat(JsonFields.field(node, "a")).isNull();
        assertThat(JsonFields.field(node, "c")).isNull();
        assertThat(JsonFields.field(node, "b").intValue()).isEqualTo(1);
        assertThatThrownBy(() -> JsonFields.required(node, "x", "a")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("x.a: required field is missing");
        assertThatThrownBy(() -> JsonFields.required(node, "", "a")).hasMessage("a: required field is missing");
    }

    @Test
    void integersMayBeWrittenAsIntegralNumbers() {
        assertThat(JsonFields.integer(read("20.0"), "r")).isEqualTo(20L);
        assertThatThrownBy(() -> JsonFields.integer(read("20.5"), "r")).hasMessage("r: expected an integer, got 20.5");
        assertThatThrownBy(() -> JsonFields.integer(read("\"20\""), "r"))
                .hasMessage("r: expected an integer, got \"20\"");
        assertThatThrownBy(() -> JsonFields.integer(read("99999999999999999999"), "r"))
                .hasMessage("r: integer out of range: 99999999999999999999");
        assertThatThrownBy(() -> JsonFields.integer(null, "r")).hasMessage("r: expected an integer, got null");
    }

    @Test
    void numbersTextsObjectsAndFieldNames() {
        assertThat(JsonFields.number(read("0.5"), "n")).isEqualTo(0.5);
        assertThatThrownBy(() -> JsonFields.number(read("[1]"), "n")).hasMessage("n: expected a number, got [1]");
        assertThatThrownBy(() -> JsonFields.number(read("1e999"), "n")).hasMessage("n: must be finite, got Infinity");
        assertThat(JsonFields.text(read("\"a\""), "t")).isEqualTo("a");
        assertThatThrownBy(() -> JsonFields.text(read("1"), "t")).hasMessage("t: expected a string, got 1");
        assertThatThrownBy(() -> JsonFields.requireObject(read("[]"), "o")).hasMessage("o: expected an object, got []");
        assertThatThrownBy(() -> JsonFields.checkFields(read("{\"a\": 1, \"z\": 2}"), "o", List.of("a", "b")))
                .hasMessage("unknown field 'o.z'; allowed in o: a, b");
        assertThatThrownBy(() -> JsonFields.checkFields(read("{\"z\": 2}"), "", List.of("a")))
                .hasMessage("unknown field 'z'; allowed: a");
        assertThat(JsonFields.show(read("\"" + "x".repeat(100) + "\""))).hasSize(60).endsWith("...");
    }
}
