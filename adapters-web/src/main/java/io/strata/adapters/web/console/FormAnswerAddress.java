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
import java.net.URI;
import java.util.Set;

/**
 * The address of the page a console form was sent from, for the page that answers it. A form refused with its errors
 * (422), a conflict (409) or any other answer that is no redirect ("Add an action") is answered at
 * the POST's address: until session 58 the address bar then showed the form's action ({@code /campaigns}, which is the
 * list) and a reload asked to send the form again. The layout writes this address into {@code <meta name="strata-address">}
 * and {@code strata.js} puts it in the address bar with {@code history.replaceState}: the page shown stays as it is (what
 * was typed, the errors), a reload asks for the page itself (a GET), and a form sent from it again names its page in its
 * {@code Referer}. The address is the {@code Referer}'s path and query (never a host); a controller whose answer is
 * another page than the form's (a launch refused on its confirmation page answers with the campaign's page) names it
 * with {@link #answerIsThePageAt}. Requests htmx sends are left alone: htmx
 * swaps a part of the page and the address stays the page's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class FormAnswerAddress extends OncePerRequestFilter {

    /** The request attribute (and model attribute) the layout reads. */
    public static final String ATTRIBUTE = "pageAddress";

    private static final Set<String> NO_PAGE = Set.of("/login", "/logout", "/error");
    private static final int LONGEST = 2000;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || "true".equals(request.getHeader("HX-Request")) || path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String page = pageOf(request.getHeader("Referer"));
        if (page != null) {
            request.setAttribute(ATTRIBUTE, page);
        }
        chain.doFilter(request, response);
    }

    /**
     * For a controller whose answer to a form is another page than the form's: the address of that page ({@code /campaigns/12},
     * a path of the console without its context path).
     */
    public static void answerIsThePageAt(HttpServletRequest request, String path) {
        request.setAttribute(ATTRIBUTE, request.getContextPath() + path);
    }

    /**
     * The path and query of a page of this console named by a header ({@code Referer}, htmx's {@code HX-Current-URL}), or
     * null when it names none: no path, a protocol-relative one, too long, or the login, logout and error pages.
     */
    public static String pageOf(String url) {
        if (url == null || url.isBlank() || url.length() > LONGEST) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("//") || NO_PAGE.contains(path)) {
            return null;
        }
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
