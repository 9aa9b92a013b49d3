package io.strata.adapters.web.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The methods the API's controllers map at an address, in a fixed order (GET, HEAD, POST, PUT, DELETE; HEAD with GET), for
 * telling a refused request's 404 (no call has the address) from its 405 (another method has it). Asked only for requests
 * the access rules refused, so a walk over the mappings is cheap enough.
 */
final class MappedMethods implements Function<String, Set<HttpMethod>> {

    private static final List<HttpMethod> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.PATCH);

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    MappedMethods(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public Set<HttpMethod> apply(String path) {
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return null;
        }
        PathContainer address = PathContainer.parsePath(path);
        Set<HttpMethod> found = new java.util.HashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null) {
                return null;
            }
            if (info.getPathPatternsCondition().getPatterns().stream().anyMatch(pattern -> pattern.matches(address))) {
                info.getMethodsCondition().getMethods().forEach(method -> found.add(HttpMethod.valueOf(method.name())));
            }
        }
        if (found.contains(HttpMethod.GET)) {
            found.add(HttpMethod.HEAD);
        }
        Set<HttpMethod> ordered = new LinkedHashSet<>();
        ORDER.stream().filter(found::contains).forEach(ordered::add);
        return ordered;
    }
}
