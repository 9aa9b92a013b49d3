package io.strata.adapters.web.security;

import io.strata.application.security.Role;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * Who may open which console page and send which console form: ADMIN and PLANNER change, ANALYST reads, the
 * administration pages are for ADMIN. First match wins; a test fails when a mapped console endpoint has no rule
 * here. (IMPORTER is for machines and never logs in to the console.)
 */
public final class ConsoleAccessRules {

    private static final Role ADMIN = Role.ADMIN;
    private static final Role PLANNER = Role.PLANNER;
    private static final Role ANALYST = Role.ANALYST;
    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;

    public static final List<AccessRule> RULES = List.of(
            new AccessRule(GET, "/admin/**", ADMIN),
            new AccessRule(POST, "/admin/**", ADMIN),

            new AccessRule(GET, "/", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/segments/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/customers", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/customers/**", ADMIN, PLANNER, ANALYST),

            new AccessRule(GET, "/segmentations", ADMIN, PLANNER, ANALYST),
            // the confirmation before activating leads only to a change
            new AccessRule(GET, "/segmentations/*/activate", ADMIN, PLANNER),
            new AccessRule(GET, "/segmentations/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(POST, "/segmentations", ADMIN, PLANNER),
            new AccessRule(POST, "/segmentations/**", ADMIN, PLANNER),
            new AccessRule(GET, "/segmentation-runs/**", ADMIN, PLANNER, ANALYST),
            new AccessRule(POST, "/segmentation-runs", ADMIN, PLANNER),

            // the builder, with its live check, exists only to create a tactical segment
            new AccessRule(GET, "/tactical-segments/new", ADMIN, PLANNER),
            new AccessRule(POST, "/tactical-segments/**", ADMIN, PLANNER),
            new AccessRule(POST, "/tactical-segments", ADMIN, PLANNER),
            new AccessRule(GET, "/tactical-segments", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/tactical-segments/**", ADMIN, PLANNER, ANALYST),

            new AccessRule(GET, "/action-plan", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/calendar", ADMIN, PLANNER, ANALYST),
            // the forms lead only to changes, so they are for those who may change
            new AccessRule(GET, "/campaigns/new", ADMIN, PLANNER),
            new AccessRule(GET, "/campaigns/*/edit", ADMIN, PLANNER),
            new AccessRule(GET, "/campaigns/*/launch", ADMIN, PLANNER),
            new AccessRule(POST, "/campaigns", ADMIN, PLANNER),
            new AccessRule(POST, "/campaigns/**", ADMIN, PLANNER),
            new AccessRule(GET, "/campaigns", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/campaigns/**", ADMIN, PLANNER, ANALYST),

            new AccessRule(GET, "/imports/new", ADMIN, PLANNER),
            new AccessRule(POST, "/imports", ADMIN, PLANNER),
            new AccessRule(GET, "/imports", ADMIN, PLANNER, ANALYST),
            new AccessRule(GET, "/imports/**", ADMIN, PLANNER, ANALYST),

            // issue 18: the navigation's search across customers, segments, campaigns and tactical segments
            new AccessRule(GET, "/search", ADMIN, PLANNER, ANALYST));

    private ConsoleAccessRules() {
    }

    /** The rule that decides a concrete request, as the filter chain will find it (first match). */
    public static Optional<AccessRule> ruleFor(HttpMethod method, String path) {
        return AccessRule.firstMatch(RULES, method, path);
    }
}
