package io.strata.adapters.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console form is carried out once however often one session sends it, and to whichever node (a double click, Enter
 * pressed twice, a reload of a POST, a proxy repeating a request; behind a round-robin load balancer the copy goes to
 * the other node): every POST form the console renders carries {@value FormField#NAME} with a value of its own
 * ({@link FormField}), and a second request of the session with the same value waits for the first to end, on any node,
 * and is answered with the first one's redirect instead of being carried out ({@link SentForms}, in the database since
 * session 51: before, each node kept its own in memory, and the copy sent to the other node made a second token, draft,
 * segment, campaign or user).
 * <p>
 * Only a first request that ended in a redirect (every console form's success) is answered again; one answered with its
 * form's errors (422), a refusal or a failure lets the next one be carried out. The filter runs before the session is
 * loaded, so the first request's session (its flash message: a new token's secret) is stored before the second is
 * answered; it keys by the session cookie. Kept {@value #KEPT_MINUTES} minutes.
 * <p>
 * The import upload (multipart) is guarded by the import id its page drew, sent in the form's address
 * ({@code /imports?importId=…}) so that it is read without reading the body: a copy is answered at once, before a byte
 * of its file is read, with the first import's page (its progress, then its report), however long the first's file
 * takes to arrive. Let through as they are: other htmx requests (the tactical builder's checks send the form's fields),
 * login and logout.
 */
@Component
@Order(Integer.MIN_VALUE + 40)
public class OnceSentForms extends OncePerRequestFilter {

    public static final int KEPT_MINUTES = 10;
    static final String STILL_UNDER_WAY = "This form was sent again while the first sending of it is still being carried out. "
            + "Nothing was done a second time. Open the page again in a moment to see what the first sending did.";

    private final String sessionCookie;
    private final ObjectProvider<SentForms> store;
    private final AtomicLong answeredAgain = new AtomicLong();

    public OnceSentForms(@Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie, ObjectProvider<SentForms> store) {
        this.sessionCookie = sessionCookie;
        this.store = store;
    }

    /** How many requests this node answered with an earlier one's redirect (or its import's page) since start. */
    public long answeredAgain() {
        return answeredAgain.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = path(request);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (upload(path, type)) {
            return false;
        }
        return path.startsWith("/api/") || path.equals("/login") || path.equals("/logout") || request.getHeader("HX-Request") != null
                || !type.startsWith("application/x-www-form-urlencoded");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean upload(String path, String type) {
        return path.equals("/imports") && type.startsWith("multipart/form-data");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SentForms forms = store.getIfAvailable();
        String session = session(request);
        if (forms == null || session == null) {
            chain.doFilter(request, response);
            return;
        }
        if (upload(path(request), request.getContentType().toLowerCase(Locale.ROOT))) {
            onceUploaded(forms, session, request, response, chain);
            return;
        }
        String form = request.getParameter(FormField.NAME);
        if (!FormField.rendered(form)) {
            chain.doFilter(request, response);
            return;
        }
        SentForms.Claim claim = forms.take(session, UUID.fromString(form));
        if (claim instanceof SentForms.Mine mine) {
            try (mine) {
                chain.doFilter(request, response);
                String location = response.getHeader("Location");
                if (response.getStatus() / 100 == 3 && location != null) {
                    mine.carriedOut(response.getStatus(), location);
                }
            }
        } else if (claim instanceof SentForms.Answered first) {
            answeredAgain.incrementAndGet();
            response.setStatus(first.status());
            response.setHeader("Location", first.location());
        } else if (claim instanceof SentForms.StillUnderWay) {
            response.setStatus(HttpStatus.CONFLICT.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(STILL_UNDER_WAY);
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * An upload is guarded by its import id, read from the address only: reading a parameter of the body would make the
     * container store the whole file first. A copy is answered at once with the first import's page.
     */
    private void onceUploaded(SentForms forms, String session, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID importId = importIdInAddress(request.getQueryString());
        if (importId == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!forms.takeUpload(session, importId)) {
            answeredAgain.incrementAndGet();
            String page = request.getContextPath() + "/imports/" + importId;
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", page);
                response.setStatus(HttpStatus.NO_CONTENT.value());
            } else {
                response.setStatus(HttpStatus.SEE_OTHER.value());
                response.setHeader("Location", page);
            }
            return;
        }
        boolean recorded = false;
        try {
            chain.doFilter(request, response);
            // the page answers with the report (a redirect, or HX-Redirect to htmx) only when the import was recorded
            recorded = response.getStatus() / 100 == 3 || response.getHeader("HX-Redirect") != null;
        } finally {
            forms.uploadEnded(session, importId, recorded);
        }
    }

    static UUID importIdInAddress(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("importId=")) {
                String value = URLDecoder.decode(pair.substring("importId=".length()), StandardCharsets.UTF_8);
                return FormField.rendered(value) ? UUID.fromString(value) : null;
            }
        }
        return null;
    }

    private String session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(sessionCookie)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
