package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The passing fixture (fixtures/good.yaml), loaded afresh for each test so that one edit breaks one thing. */
final class Fixtures {

    private Fixtures() {
    }

    static Rendered good() {
        return new Rendered("fixture", Manifest.parseAll(resource("/fixtures/good.yaml")));
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** The object node at a JSON pointer of one fixture object, to edit in place. */
    static ObjectNode at(Rendered r, String kind, String name, String pointer) {
        Manifest m = r.find(kind, name).orElseThrow(() -> new IllegalArgumentException(kind + "/" + name));
        return (ObjectNode) (pointer.isEmpty() ? m.node() : m.node().at(pointer));
    }

    static ObjectNode container(Rendered r, String deployment) {
        return at(r, "Deployment", deployment, "/spec/template/spec/containers/0");
    }

    static ObjectNode podSpec(Rendered r, String deployment) {
        return at(r, "Deployment", deployment, "/spec/template/spec");
    }

    static ArrayNode array(ObjectNode parent, String field) {
        return parent.has(field) ? (ArrayNode) parent.get(field) : parent.putArray(field);
    }
}
