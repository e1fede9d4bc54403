package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    static final Map<String, List<OpenApi.Operation>> OPS = Map.of(
            "ingest-service", List.of(new OpenApi.Operation("POST", "/api/experiments"),
                    new OpenApi.Operation("GET", "/api/samples")),
            "inference-service", List.of(new OpenApi.Operation("GET", "/api/models/{name}")));

    static Routes routes(String yaml) {
        return Routes.of(new Rendered("x", Manifest.parseAll(yaml)));
    }

    static String target(Routes routes, String method, String path) {
        return routes.route(method, path).map(t -> String.join(",", t.services())).orElse("none");
    }

    @Test
    void theGoodFixtureRoutesEveryOperation() {
        assertThat(Checks.routes(Fixtures.good(), OPS)).isEmpty();
    }

    @Test
    void anUnroutedPathFails() {
        var ops = Map.of("ingest-service", List.of(new OpenApi.Operation("POST", "/api/audits")));
        assertThat(Checks.routes(Fixtures.good(), ops))
                .containsExactly("ingest-service: POST /api/audits is routed nowhere (no HTTPRoute match)");
    }

    @Test
    void aMethodTheRouteDoesNotMatchFails() {
        var ops = Map.of("ingest-service", List.of(new OpenApi.Operation("GET", "/api/experiments")));
        assertThat(Checks.routes(Fixtures.good(), ops)).singleElement().asString().contains("routed nowhere");
    }

    @Test
    void aPathSentToAnotherServiceFails() {
        var ops = Map.of("scoring-service", List.of(new OpenApi.Operation("GET", "/api/models")));
        assertThat(Checks.routes(Fixtures.good(), ops)).singleElement().asString()
                .contains("GET /api/models goes to HTTPRoute/blindspot rule 1 -> [Service/inference-service]");
    }

    @Test
    void noHttpRouteAtAllFails() {
        Rendered r = new Rendered("x", Fixtures.good().objects().stream().filter(m -> !m.kind().equals("HTTPRoute")).toList());
        assertThat(Checks.routes(r, OPS)).singleElement().asString().contains("no HTTPRoute");
    }

    @Test
    void routesOnDifferentGatewaysFail() {
        Rendered r = Fixtures.good();
        var route = Manifest.parseAll("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: other, namespace: blindspot}
                spec:
                  parentRefs: [{name: internal}]
                  rules: [{matches: [{path: {type: Exact, value: /x}}], backendRefs: [{name: ingest-service, port: 8081}]}]
                """);
        var objects = new java.util.ArrayList<>(r.objects());
        objects.addAll(route);
        assertThat(Checks.routes(new Rendered("x", objects), OPS)).singleElement().asString()
                .contains("attach to different Gateways");
        objects.addAll(Manifest.parseAll("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: blindspot}\n"
                + "spec: {gatewayClassName: x, listeners: [{name: http, port: 80, protocol: HTTP}]}\n"));
        assertThat(Checks.routes(new Rendered("x", objects), OPS))
                .anySatisfy(f -> assertThat(f).contains("parentRef Gateway/internal is not rendered"));
    }

    static final String PRECEDENCE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: a}
            spec:
              parentRefs: [{name: gw}]
              rules:
                - matches: [{path: {type: PathPrefix, value: /api}}]
                  backendRefs: [{name: prefix-api, port: 1}]
                - matches: [{path: {type: PathPrefix, value: /api/experiments/}}]
                  backendRefs: [{name: longer-prefix, port: 1}]
                - matches: [{path: {type: Exact, value: /api/experiments}}]
                  backendRefs: [{name: exact, port: 1}]
                - matches: [{path: {type: PathPrefix, value: /api/experiments}, method: GET}]
                  backendRefs: [{name: prefix-with-method, port: 1}]
                - matches: [{path: {type: PathPrefix, value: /results}, headers: [{name: x, value: y}]}]
                  backendRefs: [{name: needs-header, port: 1}]
                - matches: [{path: {type: RegularExpression, value: "/api/figures/.*\\\\.svg"}}]
                  backendRefs: [{name: regex, port: 1}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: b}
            spec:
              parentRefs: [{name: gw}]
              rules:
                - backendRefs: [{name: catch-all, port: 1}]
            """;

    @Test
    void gatewayApiPrecedence() {
        Routes r = routes(PRECEDENCE);
        assertThat(target(r, "POST", "/api/experiments")).isEqualTo("Service/exact");          // Exact beats any prefix
        assertThat(target(r, "GET", "/api/experiments/7/cells")).isEqualTo("Service/longer-prefix"); // most characters
        assertThat(target(r, "GET", "/api/experimentsX")).isEqualTo("Service/prefix-api");     // whole path elements only
        assertThat(target(r, "GET", "/api/samples")).isEqualTo("Service/prefix-api");
        assertThat(target(r, "GET", "/results/3")).isEqualTo("Service/catch-all");             // header match not met
        assertThat(target(r, "GET", "/")).isEqualTo("Service/catch-all");                      // no matches = prefix /
        assertThat(target(r, "GET", "/api/figures/curves.svg")).isEqualTo("Service/prefix-api"); // regex after prefixes
        assertThat(target(r, "GET", "/other/figures/curves.svg")).isEqualTo("Service/catch-all");
    }

    @Test
    void methodMatchBreaksATieOfEqualPaths() {
        Routes r = routes("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: a}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /api/experiments}}]
                      backendRefs: [{name: ingest, port: 1}]
                    - matches: [{path: {type: PathPrefix, value: /api/experiments}, method: GET}]
                      backendRefs: [{name: scoring, port: 1}]
                """);
        assertThat(target(r, "GET", "/api/experiments")).isEqualTo("Service/scoring");
        assertThat(target(r, "POST", "/api/experiments")).isEqualTo("Service/ingest");
    }

    @Test
    void regularExpressionsMatchTheWholePath() {
        assertThat(Routes.pathMatches("RegularExpression", "/api/audits/[^/]+", "/api/audits/a1")).isTrue();
        assertThat(Routes.pathMatches("RegularExpression", "/api/audits/[^/]+", "/api/audits/a1/page")).isFalse();
        assertThat(Routes.pathMatches("PathPrefix", "/api/", "/api")).isTrue();
    }

    @Test
    void samplePathsFillEveryParameter() {
        assertThat(new OpenApi.Operation("GET", "/api/experiments/{id}/curve.{format}").samplePath())
                .isEqualTo("/api/experiments/x1/curve.x1");
    }
}
