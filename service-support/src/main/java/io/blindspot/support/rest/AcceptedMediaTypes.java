package io.blindspot.support.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media types an endpoint accepts ({@code @Consumes} of its method, else of its class), for the message of a
 * 415: by the request's method and path, over the service's JAX-RS resources (they are CDI beans in Quarkus REST).
 * Read once by reflection, at the first 415.
 */
@ApplicationScoped
public class AcceptedMediaTypes {
    /** One endpoint: HTTP method, its path as a pattern, the types it consumes. */
    record Endpoint(String method, Pattern path, List<String> consumes) {
    }

    private final BeanManager beans;
    private volatile List<Endpoint> endpoints;

    public AcceptedMediaTypes(BeanManager beans) {
        this.beans = beans;
    }

    /** The types the endpoints of {@code method} and {@code path} (relative to the application) accept, in order. */
    public List<String> of(String method, String path) {
        List<Endpoint> table = endpoints;
        if (table == null) {
            List<Class<?>> resources = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                    resources.add(bean.getBeanClass());
                }
            }
            table = endpoints = endpoints(resources);
        }
        return accepted(table, method, path);
    }

    static List<String> accepted(List<Endpoint> endpoints, String method, String path) {
        String normalised = "/" + path.replaceAll("^/+|/+$", "");
        Set<String> types = new LinkedHashSet<>();
        for (Endpoint e : endpoints) {
            if (e.method().equalsIgnoreCase(method) && e.path().matcher(normalised).matches()) {
                types.addAll(e.consumes());
            }
        }
        return List.copyOf(types);
    }

    /** Every endpoint of these resource classes that declares what it consumes. */
    static List<Endpoint> endpoints(Collection<Class<?>> resources) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            Consumes classConsumes = resource.getAnnotation(Consumes.class);
            for (Method m : resource.getMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                        : classConsumes;
                if (consumes == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = join(base == null ? "" : base.value(), sub == null ? "" : sub.value());
                endpoints.add(new Endpoint(http, pattern(template), types(consumes)));
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static List<String> types(Consumes consumes) {
        List<String> types = new ArrayList<>();
        for (String value : consumes.value()) {
            for (String type : value.split(",")) {
                if (!type.isBlank()) {
                    types.add(type.trim());
                }
            }
        }
        return types;
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 ? joined.replaceAll("/$", "") : joined;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*[\\w.-]+\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** A path template as a pattern: {@code {name}} one segment, {@code {name: regex}} its regex. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
