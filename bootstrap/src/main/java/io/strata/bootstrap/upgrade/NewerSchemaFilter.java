package io.strata.bootstrap.upgrade;

import io.strata.adapters.persistence.database.SchemaAhead;
import io.strata.bootstrap.busy.UnavailableAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * A node of an older version whose database a newer version has migrated while it ran (a rolling upgrade, which
 * Strata does not support: docs/scale-out.md, "Upgrading") answers every request, the health check included, with
 * 503 and why, instead of running this version's statements on a schema they were not written for. A load balancer
 * that checks {@code /actuator/health} takes it out; one that retries a 503 on another node sends the request to a
 * node of the new version. Styles and scripts still pass, for the console's page to look as the console does.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class NewerSchemaFilter extends OncePerRequestFilter {

    static final String TITLE = "This Strata node is older than its database";

    private final SchemaAhead schema;

    public NewerSchemaFilter(SchemaAhead schema) {
        this.schema = schema;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refusal = schema.newerVersionMigrated();
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String path = path(request);
        UnavailableAnswer.write(request, response, UnavailableAnswer.forMachines(path), TITLE, refusal.get(), "newer-schema", 0, false);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
