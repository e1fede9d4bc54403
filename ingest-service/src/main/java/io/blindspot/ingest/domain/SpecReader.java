package io.blindspot.ingest.domain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
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
            if (format == Format.YAML) {
                checkYamlStructure(text);
            }
            JsonNode tree = (format == Format.YAML ? YAML : JSON).readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidSpecException("malformed spec: the body holds no " + format.name() + " document");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("malformed spec: " + describe(e));
        } catch (java.io.IOException e) {
            throw new InvalidSpecException("malformed spec: " + e.getMessage());
        }
    }

    /**
     * Refuses what Jackson's YAML reading would otherwise get silently wrong: an alias ({@code *a}) is read as
     * the plain string {@code "a"}, not as the anchored value (so anchors cannot expand into a "billion laughs"
     * bomb here, but a spec using them would mean something else than it says), and a second document after
     * {@code ---} is ignored. A spec is one document with its values written out.
     */
    private static void checkYamlStructure(String text) throws java.io.IOException {
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            int depth = 0;
            int documents = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (depth == 0) {
                    documents++;
                    if (documents > 1) {
                        throw new InvalidSpecException("malformed spec: the body holds more than one YAML document "
                                + "(a second one starts at line " + parser.currentLocation().getLineNr()
                                + "); send one spec per request");
                    }
                }
                if (parser instanceof YAMLParser yaml) {
                    if (yaml.isCurrentAlias()) {
                        throw new InvalidSpecException("malformed spec: YAML aliases (*" + parser.getText()
                                + ") are not supported; write the value out (line "
                                + parser.currentLocation().getLineNr() + ")");
                    }
                    if (yaml.getCurrentAnchor() != null) {
                        throw new InvalidSpecException("malformed spec: YAML anchors (&" + yaml.getCurrentAnchor()
                                + ") are not supported; write the values out (line "
                                + parser.currentLocation().getLineNr() + ")");
                    }
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
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
