package io.strata.adapters.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console form is carried out once however often one session sends it (a double click, Enter pressed twice, a form
 * sent again while the first is under way): every POST form the console renders carries {@value FormField#NAME} with a
 * value of its own ({@link FormField}), and a second request of the session with the same value waits for the first to
 * end and is answered with the first one's redirect instead of being carried out. Before session 50 a double click on
 * "Create" made two tokens, segmentations, tactical segments or campaigns (a user, and then "the name is taken"), and a
 * second launch answered "already launched" in place of the launch's message.
 * <p>
 * Only a first request that ended in a redirect (every console form's success) is answered again; one answered with its
 * form's errors (422), a refusal or a failure lets the next one be carried out. The filter runs before the session is
 * loaded, so the first request's session (its flash message: a new token's secret) is stored before the second is
 * answered; it keys by the session cookie. Kept in memory per node, {@value #KEPT_MINUTES} minutes: a double click
 * reaches one node; a form sent again later, or to another node, is carried out again and the product's rules decide
 * (a taken name, a campaign's state). Let through as they are: htmx requests (the tactical builder's checks send the
 * form's fields), uploads (multipart: the import's body is read as it streams), login and logout.
 */
@Component
@Order(Integer.MIN_VALUE + 40)
public class OnceSentForms extends OncePerRequestFilter {

    static final int KEPT_MINUTES = 10;
    private static final int MOST_KEPT = 10_000;
    private static final long WAIT_MINUTES = 5;

    private static final class Sent {
        final long at = System.currentTimeMillis();
        final CountDownLatch done = new CountDownLatch(1);
        volatile int status;
        volatile String location;
    }

    private final String sessionCookie;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final AtomicLong answeredAgain = new AtomicLong();

    public OnceSentForms(@Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    /** How many requests were answered with an earlier one's redirect since start. */
    public long answeredAgain() {
        return answeredAgain.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || path.startsWith("/api/") || path.equals("/login") || path.equals("/logout")
                || request.getHeader("HX-Request") != null
                || type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String form = request.getParameter(FormField.NAME);
        String session = session(request);
        if (!FormField.rendered(form) || session == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = session + " " + form;
        Sent mine = new Sent();
        Sent first = sent.putIfAbsent(key, mine);
        if (first != null) {
            answerAsTheFirst(first, request, response, chain);
            return;
        }
        forgetOld();
        try {
            chain.doFilter(request, response);
        } finally {
            String location = response.getHeader("Location");
            if (response.getStatus() / 100 == 3 && location != null) {
                mine.status = response.getStatus();
                mine.location = location;
            } else {
                sent.remove(key, mine);
            }
            mine.done.countDown();
        }
    }

    private void answerAsTheFirst(Sent first, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean ended;
        try {
            ended = first.done.await(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended || first.location == null) {
            chain.doFilter(request, response);
            return;
        }
        answeredAgain.incrementAndGet();
        response.setStatus(first.status);
        response.setHeader("Location", first.location);
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

    private void forgetOld() {
        if (sent.size() < 100) {
            return;
        }
        long before = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(KEPT_MINUTES);
        for (Iterator<Sent> it = sent.values().iterator(); it.hasNext(); ) {
            Sent one = it.next();
            if (one.done.getCount() == 0 && (one.at < before || sent.size() > MOST_KEPT)) {
                it.remove();
            }
        }
    }
}
