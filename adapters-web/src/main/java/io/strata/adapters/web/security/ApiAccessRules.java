package io.strata.adapters.web.security;

import io.strata.application.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may call which API endpoint: the one authorization table of the API. Anything not listed is denied, and a
 * test fails when a mapped endpoint has no rule here.
 */
public final class ApiAccessRules {

    public record Rule(HttpMethod method, String pattern, List<Role> roles) {

        Rule(HttpMethod method, String pattern, Role... roles) {
            this(method, pattern, List.of(roles));
        }

        String[] roleNames() {
            return roles.stream().map(Role::name).toArray(String[]::new);
        }
    }

    private static final Role ADMIN = Role.ADMIN;
    private static final Role PLANNER = Role.PLANNER;
    private static final Role ANALYST = Role.ANALYST;
    private static final Role IMPORTER = Role.IMPORTER;

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/imports/*", ADMIN, IMPORTER),
            new Rule(HttpMethod.GET, "/api/v1/imports", ADMIN, IMPORTER, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/imports/*", ADMIN, IMPORTER, PLANNER, ANALYST),

            new Rule(HttpMethod.GET, "/api/v1/segmentation-templates/**", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/segmentation-templates", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/segmentations/**", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/segmentations", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.POST, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new Rule(HttpMethod.POST, "/api/v1/segmentations", ADMIN, PLANNER),
            new Rule(HttpMethod.PUT, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new Rule(HttpMethod.DELETE, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new Rule(HttpMethod.GET, "/api/v1/segmentation-runs/**", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/segmentation-runs", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.POST, "/api/v1/segmentation-runs", ADMIN, PLANNER),

            new Rule(HttpMethod.GET, "/api/v1/tactical-segments/**", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/tactical-segments", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.POST, "/api/v1/tactical-segments/**", ADMIN, PLANNER),
            new Rule(HttpMethod.POST, "/api/v1/tactical-segments", ADMIN, PLANNER),
            new Rule(HttpMethod.PUT, "/api/v1/tactical-segments/**", ADMIN, PLANNER),
            new Rule(HttpMethod.DELETE, "/api/v1/tactical-segments/**", ADMIN, PLANNER),

            new Rule(HttpMethod.GET, "/api/v1/campaigns/**", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.GET, "/api/v1/campaigns", ADMIN, PLANNER, ANALYST),
            new Rule(HttpMethod.POST, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new Rule(HttpMethod.POST, "/api/v1/campaigns", ADMIN, PLANNER),
            new Rule(HttpMethod.PUT, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new Rule(HttpMethod.DELETE, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new Rule(HttpMethod.GET, "/api/v1/action-plan", ADMIN, PLANNER, ANALYST),

            new Rule(HttpMethod.GET, "/api/v1/customers/**", ADMIN, PLANNER, ANALYST),
            // erasure of a customer's personal data
            new Rule(HttpMethod.DELETE, "/api/v1/customers/**", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/field-catalogue", ADMIN, PLANNER, ANALYST),

            // users, tokens and the audit trail: admins only
            new Rule(HttpMethod.GET, "/api/v1/tokens", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/tokens/**", ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/tokens", ADMIN),
            new Rule(HttpMethod.DELETE, "/api/v1/tokens/**", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/users", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/users/**", ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/users", ADMIN),
            new Rule(HttpMethod.POST, "/api/v1/users/**", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/audit", ADMIN),
            new Rule(HttpMethod.GET, "/api/v1/audit/**", ADMIN));

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private ApiAccessRules() {
    }

    /** The rule that decides a concrete request, as the filter chain will find it (first match). */
    public static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(r -> r.method().equals(method) && PATHS.match(r.pattern(), path)).findFirst();
    }

    static List<Role> allRoles() {
        return Arrays.asList(Role.values());
    }
}
