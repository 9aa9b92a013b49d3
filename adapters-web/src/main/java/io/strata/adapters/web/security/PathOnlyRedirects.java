package io.strata.adapters.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.RedirectStrategy;

import java.io.IOException;
import java.net.URI;

/**
 * Redirects to a path on this server and never to a host: an absolute URL (a saved request's is built from the
 * request's Host header, which a client chooses) keeps only its path and query. Tomcat then sends it as it is
 * ({@code server.tomcat.use-relative-redirects}).
 */
final class PathOnlyRedirects implements RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        response.sendRedirect(response.encodeRedirectURL(pathOf(request.getContextPath(), url)));
    }

    static String pathOf(String contextPath, String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null && uri.getRawAuthority() == null) {
            return contextPath + url;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
