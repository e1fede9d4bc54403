package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The operations of a service's OpenAPI document, as smallrye-openapi wrote it at build time. */
public final class OpenApi {

    public record Operation(String method, String path) {
        /** A concrete request path: each {param} replaced by a sample segment ("x1"). */
        public String samplePath() {
            return path.replaceAll("\\{[^}/]+}", "x1");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApi() {
    }

    public static Path documentOf(Repo repo, String service) {
        return repo.resolve(service + "/target/openapi/openapi.yaml");
    }

    public static List<Operation> operations(Path document) {
        if (!Files.isRegularFile(document)) {
            throw new IllegalStateException(document + " is missing: it is written when the service is built; run "
                    + "`./mvnw -pl deploy-check -am verify` (the reactor builds the services first)");
        }
        try {
            JsonNode doc = Manifest.YAML.readTree(Files.readString(document));
            List<Operation> ops = new ArrayList<>();
            doc.path("paths").properties().forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    ops.add(new Operation(m.toUpperCase(Locale.ROOT), p.getKey()));
                }
            }));
            return ops;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + document, e);
        }
    }
}
