package io.strata.adapters.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A redirect to a path goes out as that path, whatever HTTP version the request came with. Tomcat keeps a redirect
 * relative ({@code server.tomcat.use-relative-redirects}) only for HTTP/1.1 requests; an HTTP/1.0 request got an
 * absolute {@code Location} built from its {@code Host} header and the connection's scheme. nginx speaks HTTP/1.0 to
 * the servers behind it unless told otherwise ({@code proxy_http_version}), so behind it every redirect named the
 * Host a client sent (a forged one too) and, behind a proxy that terminates TLS, sent the browser to {@code http://}
 * on the https port: the console could not be logged into. Outermost, so every redirect of the filters and pages
 * inside passes here. A redirect to an absolute URL or a relative one without a leading slash is left to Tomcat.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RelativeRedirects extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new PathRedirects(response));
    }

    /** A path on this server: one leading slash, no scheme and no host ({@code //host/...} names a host). */
    static boolean isPath(String location) {
        return location != null && location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
    }

    private static final class PathRedirects extends HttpServletResponseWrapper {

        PathRedirects(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            sendRedirect(location, SC_FOUND, true);
        }

        @Override
        public void sendRedirect(String location, int status) throws IOException {
            sendRedirect(location, status, true);
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            sendRedirect(location, SC_FOUND, clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
            if (!isPath(location)) {
                super.sendRedirect(location, status, clearBuffer);
                return;
            }
            if (isCommitted()) {
                throw new IllegalStateException("The answer was begun before the redirect to " + location);
            }
            if (clearBuffer) {
                resetBuffer();
            }
            setStatus(status);
            setHeader(HttpHeaders.LOCATION, location);
            // as Tomcat's own redirect: the answer is complete, nothing written after it goes out
            flushBuffer();
        }
    }
}
