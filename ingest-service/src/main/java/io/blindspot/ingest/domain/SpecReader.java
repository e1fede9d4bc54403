package io.blindspot.ingest.domain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.Locale;

/**
 * Turns the text of a spec (JSON or YAML: both give the same tree) into a Jackson tree for {@link SpecParser}.
 * A field written twice is refused rather than the last one silently winning.
 */
public final class SpecReader {
    public enum Format {
        JSON, YAML;

        /**
         * YAML for {@code application/yaml}, {@code text/yaml}, {@code application/x-yaml} (and any other
         * type naming yaml); JSON otherwise.
         */
        public static Format ofMediaType(String mediaType) {
            return mediaType != null && mediaType.toLowerCase(Locale.ROOT).contains("yaml") ? YAML : JSON;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SpecReader() {
    }

    /** @throws InvalidSpecException starting "malformed spec:" with the parser's message and line/column */
    public static JsonNode read(String text, Format format) {
        if (text == null || text.isBlank()) {
            throw new InvalidSpecException("malformed spec: the body is empty");
        }
        try {
            JsonNode tree = (format == Format.YAML ? YAML : JSON).readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidSpecException("malformed spec: the body holds no " + format.name() + " document");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("malformed spec: " + describe(e));
        }
    }

    /** The parser's own message without the echo of the input Jackson appends, plus where it happened. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            // SnakeYAML's own message quotes the input around both marks; its parts say it once.
            String message = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
            Mark at = yaml.getProblemMark();
            return at == null ? message : message + " (line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1)
                    + ")";
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").trim();
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return message;
    }
}
