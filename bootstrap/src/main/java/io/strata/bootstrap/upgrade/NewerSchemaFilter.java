package io.strata.bootstrap.upgrade;

import io.strata.adapters.persistence.database.SchemaAhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

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
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setCharacterEncoding("UTF-8");
        String path = path(request);
        if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + TITLE + "\",\"status\":503,\"detail\":\""
                    + json(refusal.get()) + "\",\"instance\":\"" + json(path) + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + TITLE
                    + "</title><link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/strata.css\"></head><body>"
                    + "<main class=\"page\"><h1>" + TITLE + "</h1><p class=\"alert error\" role=\"alert\" id=\"newer-schema\">"
                    + HtmlUtils.htmlEscape(refusal.get()) + "</p></main></body></html>");
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Text as a JSON string's content. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
