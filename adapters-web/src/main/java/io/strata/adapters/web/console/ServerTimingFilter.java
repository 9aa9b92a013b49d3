package io.strata.adapters.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Says how long the server took for a console page, as {@code Server-Timing: app;dur=12.3} (milliseconds, security
 * and session included), so render time can be measured from outside: curl, the browser's network panel. A header
 * must go out before the body: answers are buffered up to {@link #BUFFER_BYTES} and the header is added when they are
 * first flushed (Thymeleaf flushes once it has rendered the page). Larger answers (CSV exports) go without it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServerTimingFilter extends OncePerRequestFilter {

    static final int BUFFER_BYTES = 256 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.startsWith("/v3/") || path.startsWith("/swagger-ui");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setBufferSize(BUFFER_BYTES);
        TimedResponse timed = new TimedResponse(response, System.nanoTime());
        chain.doFilter(request, timed);
        if (!request.isAsyncStarted()) {
            timed.stamp();
        }
    }
}
