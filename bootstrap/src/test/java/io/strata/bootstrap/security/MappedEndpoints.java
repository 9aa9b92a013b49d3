package io.strata.bootstrap.security;

import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The endpoints the application maps, as the authorization tests go through them, each with a concrete path to call. */
final class MappedEndpoints {

    record Endpoint(HttpMethod method, String pattern, String samplePath) {
    }

    private MappedEndpoints() {
    }

    static List<Endpoint> matching(RequestMappingHandlerMapping mappings, Predicate<String> pattern) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPathPatternsCondition() == null ? Set.of() : info.getPathPatternsCondition().getPatternValues();
            for (String candidate : patterns) {
                if (!pattern.test(candidate)) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), candidate, sample(candidate)));
                }
            }
        }
        return endpoints;
    }

    /** A concrete path for a pattern: each variable becomes its first allowed value, or a harmless id. */
    static String sample(String pattern) {
        return pattern.replaceAll("\\{[^}:]+:([a-z-]+)[^}]*}", "$1").replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
    }
}
