package io.strata.adapters.web.security;

import io.strata.application.security.Role;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * Who may call which API endpoint: the one authorization table of the API. Anything not listed is denied, and a
 * test fails when a mapped endpoint has no rule here.
 */
public final class ApiAccessRules {

    private static final Role ADMIN = Role.ADMIN;
    private static final Role PLANNER = Role.PLANNER;
    private static final Role ANALYST = Role.ANALYST;
    private static final Role IMPORTER = Role.IMPORTER;

    public static final List<AccessRule> RULES = List.of(
            new AccessRule(HttpMethod.POST, "/api/v1/imports/*", ADMIN, IMPORTER),
            new AccessRule(HttpMethod.GET, "/api/v1/imports", ADMIN, IMPORTER, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/imports/*", ADMIN, IMPORTER, PLANNER, ANALYST),

            new AccessRule(HttpMethod.GET, "/api/v1/segmentation-templates/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/segmentation-templates", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/segmentations/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/segmentations", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.POST, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.POST, "/api/v1/segmentations", ADMIN, PLANNER),
            new AccessRule(HttpMethod.PUT, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.DELETE, "/api/v1/segmentations/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.GET, "/api/v1/segmentation-runs/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/segmentation-runs", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.POST, "/api/v1/segmentation-runs", ADMIN, PLANNER),

            new AccessRule(HttpMethod.GET, "/api/v1/tactical-segments/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/tactical-segments", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.POST, "/api/v1/tactical-segments/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.POST, "/api/v1/tactical-segments", ADMIN, PLANNER),
            new AccessRule(HttpMethod.PUT, "/api/v1/tactical-segments/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.DELETE, "/api/v1/tactical-segments/**", ADMIN, PLANNER),

            new AccessRule(HttpMethod.GET, "/api/v1/campaigns/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/campaigns", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.POST, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.POST, "/api/v1/campaigns", ADMIN, PLANNER),
            new AccessRule(HttpMethod.PUT, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.DELETE, "/api/v1/campaigns/**", ADMIN, PLANNER),
            new AccessRule(HttpMethod.GET, "/api/v1/action-plan", ADMIN, PLANNER, ANALYST),
            // what Strata will do by itself: planned runs and launches (issue 17)
            new AccessRule(HttpMethod.GET, "/api/v1/calendar", ADMIN, PLANNER, ANALYST),
            // the global holdout: everyone reads it and the programme's effect; planners change or re-draw it
            new AccessRule(HttpMethod.GET, "/api/v1/holdout", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/holdout/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.PUT, "/api/v1/holdout", ADMIN, PLANNER),
            new AccessRule(HttpMethod.POST, "/api/v1/holdout/**", ADMIN, PLANNER),

            // frequency caps and webhook destinations: planners read them to plan, admins change them
            new AccessRule(HttpMethod.GET, "/api/v1/frequency-caps", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/frequency-caps/*", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.PUT, "/api/v1/frequency-caps/*", ADMIN),
            new AccessRule(HttpMethod.DELETE, "/api/v1/frequency-caps/*", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/destinations", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.GET, "/api/v1/destinations/*", ADMIN, PLANNER, ANALYST),
            new AccessRule(HttpMethod.POST, "/api/v1/destinations", ADMIN),
            new AccessRule(HttpMethod.PUT, "/api/v1/destinations/*", ADMIN),
            new AccessRule(HttpMethod.DELETE, "/api/v1/destinations/*", ADMIN),

            new AccessRule(HttpMethod.GET, "/api/v1/customers/**", ADMIN, PLANNER, ANALYST),
            // erasure of a customer's personal data
            new AccessRule(HttpMethod.DELETE, "/api/v1/customers/**", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/field-catalogue", ADMIN, PLANNER, ANALYST),

            // users, tokens and the audit trail: admins only
            new AccessRule(HttpMethod.GET, "/api/v1/tokens", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/tokens/**", ADMIN),
            new AccessRule(HttpMethod.POST, "/api/v1/tokens", ADMIN),
            new AccessRule(HttpMethod.DELETE, "/api/v1/tokens/**", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/users", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/users/**", ADMIN),
            new AccessRule(HttpMethod.POST, "/api/v1/users", ADMIN),
            new AccessRule(HttpMethod.POST, "/api/v1/users/**", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/audit", ADMIN),
            new AccessRule(HttpMethod.GET, "/api/v1/audit/**", ADMIN));

    private ApiAccessRules() {
    }

    /** The methods some rule lets through to this path: none when the API has no such call. */
    public static java.util.Set<HttpMethod> methodsFor(String path) {
        java.util.Set<HttpMethod> methods = new java.util.LinkedHashSet<>();
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            ruleFor(method, path).ifPresent(rule -> methods.add(method));
        }
        return methods;
    }

    /** The rule that decides a concrete request, as the filter chain will find it (first match). */
    public static Optional<AccessRule> ruleFor(HttpMethod method, String path) {
        return AccessRule.firstMatch(RULES, method, path);
    }
}
