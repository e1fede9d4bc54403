package io.blindspot.deploycheck;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Service a Gateway sends a request to, by the HTTPRoutes' matches and the Gateway API's precedence
 * (HTTPRouteRule, gateway-api v1.2): among the matches that accept the request, (1) an Exact path match, (2) the
 * PathPrefix match with the most characters, (3) a method match, (4) the most header matches, (5) the most
 * query-param matches; then the oldest Route (rendered manifests carry no timestamps, so: by namespace/name), then
 * the first rule of that Route. RegularExpression precedence is implementation-specific: ranked here after every
 * prefix. Header and query-param matches are taken as not met (a plain request carries neither).
 */
public final class Routes {

    /** One match of one rule, flattened, with what it forwards to. */
    record Candidate(String route, int ruleIndex, int matchIndex, String pathType, String pathValue, String method,
                     int headers, int queryParams, List<HTTPBackendRef> backends, boolean rewrites) {
    }

    public record Target(String route, int ruleIndex, List<String> services, List<Integer> ports, boolean rewrites) {
        @Override
        public String toString() {
            return "HTTPRoute/" + route + " rule " + ruleIndex + " -> " + services;
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();

    public Routes(List<HTTPRoute> routes) {
        routes.stream().sorted(Comparator.comparing(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()))
                .forEach(this::add);
    }

    public static Routes of(Rendered rendered) {
        return new Routes(rendered.ofKind("HTTPRoute").map(m -> StrictSchema.typed(m, HTTPRoute.class)).toList());
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }

    private void add(HTTPRoute route) {
        List<HTTPRouteRule> rules = route.getSpec() == null || route.getSpec().getRules() == null
                ? List.of() : route.getSpec().getRules();
        for (int r = 0; r < rules.size(); r++) {
            HTTPRouteRule rule = rules.get(r);
            List<HTTPBackendRef> backends = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
            boolean rewrites = rule.getFilters() != null && rule.getFilters().stream()
                    .anyMatch(f -> "URLRewrite".equals(f.getType()) || "RequestRedirect".equals(f.getType()));
            List<HTTPRouteMatch> matches = rule.getMatches() == null || rule.getMatches().isEmpty()
                    ? List.of(new HTTPRouteMatch()) : rule.getMatches();
            for (int i = 0; i < matches.size(); i++) {
                HTTPRouteMatch m = matches.get(i);
                // The API server defaults a match with no path to PathPrefix "/", and a path with no type to PathPrefix.
                String type = m.getPath() == null || m.getPath().getType() == null ? "PathPrefix" : m.getPath().getType();
                String value = m.getPath() == null || m.getPath().getValue() == null ? "/" : m.getPath().getValue();
                candidates.add(new Candidate(route.getMetadata().getName(), r, i, type, value, m.getMethod(),
                        m.getHeaders() == null ? 0 : m.getHeaders().size(),
                        m.getQueryParams() == null ? 0 : m.getQueryParams().size(), backends, rewrites));
            }
        }
    }

    /** Where a request goes, or empty when no rule takes it (the Gateway answers 404). */
    public Optional<Target> route(String method, String path) {
        return candidates.stream()
                .filter(c -> c.headers == 0 && c.queryParams == 0)
                .filter(c -> c.method == null || c.method.equals(method))
                .filter(c -> pathMatches(c.pathType, c.pathValue, path))
                .min(Comparator.<Candidate>comparingInt(c -> typeRank(c.pathType))
                        .thenComparing(Comparator.<Candidate>comparingInt(c -> c.pathType.equals("PathPrefix")
                                ? c.pathValue.length() : 0).reversed())
                        .thenComparingInt(c -> c.method == null ? 1 : 0))
                .map(c -> new Target(c.route, c.ruleIndex,
                        c.backends.stream().filter(b -> b.getWeight() == null || b.getWeight() > 0)
                                .map(b -> (b.getKind() == null ? "Service" : b.getKind()) + "/" + b.getName()).toList(),
                        c.backends.stream().map(HTTPBackendRef::getPort).toList(), c.rewrites));
    }

    private static int typeRank(String type) {
        return switch (type) {
            case "Exact" -> 0;
            case "PathPrefix" -> 1;
            default -> 2;
        };
    }

    /** Gateway API path matching: PathPrefix matches whole path elements ("/api" matches "/api/x", not "/apix"). */
    static boolean pathMatches(String type, String value, String path) {
        return switch (type) {
            case "Exact" -> path.equals(value);
            case "PathPrefix" -> {
                String prefix = value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                yield prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
            }
            case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
            default -> false;
        };
    }
}
