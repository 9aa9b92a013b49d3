package io.strata.adapters.web.security;

import io.strata.application.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.util.List;
import java.util.Optional;

/** One line of an authorization table: who may send this method to paths of this pattern. */
public record AccessRule(HttpMethod method, String pattern, List<Role> roles) {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    public AccessRule {
        roles = List.copyOf(roles);
    }

    AccessRule(HttpMethod method, String pattern, Role... roles) {
        this(method, pattern, List.of(roles));
    }

    String[] roleNames() {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }

    /**
     * The methods this rule lets through: HEAD asks for what GET would answer, without the body (RFC 9110, 9.3.2), so a
     * GET rule decides it too and no table lists it apart.
     */
    List<HttpMethod> methods() {
        return method.equals(HttpMethod.GET) ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(method);
    }

    /** The rule that decides a concrete request, as the filter chain will find it (first match). */
    static Optional<AccessRule> firstMatch(List<AccessRule> rules, HttpMethod method, String path) {
        return rules.stream().filter(r -> r.methods().contains(method) && PATHS.match(r.pattern(), path)).findFirst();
    }
}
