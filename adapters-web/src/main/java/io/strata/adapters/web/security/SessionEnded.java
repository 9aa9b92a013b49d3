package io.strata.adapters.web.security;

import io.strata.adapters.web.console.FormAnswerAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.RequestCache;

import java.io.IOException;

/**
 * A console page outlives its session: the session ends after {@code server.servlet.session.timeout} without a request,
 * or when its user logs out in another tab, while the page stays open in the browser. Its next request then carries no
 * user, and a form's CSRF token belongs to the session that ended. Until session 57 such a form was answered 403 with the
 * page "Request not understood … reload the page and send it again" under a navigation with "Log out" (for a user who
 * was no longer logged in; a reload sent the same stale form again), a part of a page htmx loads (a segmentation's
 * trends) got the login page swapped into the page, and a login page left open too long answered the same 403.
 *
 * <p>Now a request that arrives after its session ended goes to the login page, which says what happened: a form sent then
 * was not saved ({@code /login?expired&unsaved}), a page asked for then needs a login ({@code /login?expired}), the
 * login page itself was open too long ({@code /login?again}). After the login the user is taken back to the page the
 * form was on (its {@code Referer}, or htmx's {@code HX-Current-URL}; only its path and query are kept, so no other
 * host), or to the page asked for. A request htmx sends is answered 401 with {@code HX-Redirect} to the login page,
 * so the whole page goes there instead of a login form inside it. A logged-in user's form with a token of another
 * session is still the 403 page that says to reload it (the role's limit too).
 *
 * <p>A form that htmx sends (the import upload) carries {@value #FORM_SENT} (strata.js), so its login page says it was
 * not saved, as against htmx's checks while one types. What was typed is kept in the browser's tab and put back into the
 * form after the login (strata.js, session 58; docs/console.md, "What was typed comes back after the login").
 */
final class SessionEnded implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The page to go back to after the login, kept in the (new) session: the page a refused form or htmx request came from. */
    static final String BACK = SessionEnded.class.getName() + ".back";

    /** The header strata.js adds to a form that htmx sends (the import upload), as against htmx's checks while one types. */
    static final String FORM_SENT = "Strata-Form-Sent";

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final RequestCache savedRequests;
    private final LoginUrlAuthenticationEntryPoint login = relative("/login");
    private final LoginUrlAuthenticationEntryPoint expired = relative("/login?expired");

    SessionEnded(RequestCache savedRequests) {
        this.savedRequests = savedRequests;
    }

    /** No user: a page asked for without a session, or after it ended. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason) throws IOException,
            jakarta.servlet.ServletException {
        if (htmx(request)) {
            // htmx asks from a console page, which was shown to a logged-in user: that session has ended. The request
            // was saved to be repeated after the login; a part of a page is no page to land on
            savedRequests.removeRequest(request, response);
            rememberBack(request, request.getHeader("HX-Current-URL"));
            toLogin(request, response, "/login?expired");
            return;
        }
        boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        HttpSession session = request.getSession(false);
        if (session != null) {
            // the request just saved is newer than a page remembered by an earlier refused form
            session.removeAttribute(BACK);
        }
        (ended ? expired : login).commence(request, response, reason);
    }

    /** A form refused: its token is not the session's (CSRF), or the user's role may not send it. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException && noUser()) {
            if ("/login".equals(request.getServletPath())) {
                toLogin(request, response, "/login?again");
                return;
            }
            savedRequests.removeRequest(request, response);
            rememberBack(request, htmx(request) ? request.getHeader("HX-Current-URL") : request.getHeader("Referer"));
            // a form the user sent was not saved; htmx's checks as one types (the builder's hints) were no sending of it, a
            // form htmx sends (the import upload) is: strata.js marks it with FORM_SENT
            toLogin(request, response, htmx(request) && !"true".equals(request.getHeader(FORM_SENT)) ? "/login?expired" : "/login?expired&unsaved");
            return;
        }
        // the refusal is kept on the request, so the error page can tell a stale form (CSRF) from a role's limit
        request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
        response.sendError(403);
    }

    /** After the login: back to the remembered page, else as {@code next} decides (the saved request, or the dashboard). */
    AuthenticationSuccessHandler after(AuthenticationSuccessHandler next) {
        PathOnlyRedirects redirects = new PathOnlyRedirects();
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            Object back = session == null ? null : session.getAttribute(BACK);
            if (back instanceof String page) {
                session.removeAttribute(BACK);
                session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
                redirects.sendRedirect(request, response, page);
                return;
            }
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** The path and query of a page of this console named by a header, or null when it names none to go back to. */
    static String pageOf(String url) {
        return FormAnswerAddress.pageOf(url);
    }

    private static void rememberBack(HttpServletRequest request, String url) {
        String page = pageOf(url);
        if (page != null) {
            request.getSession(true).setAttribute(BACK, page);
        }
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response, String target) throws IOException {
        if (htmx(request)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", request.getContextPath() + target);
            return;
        }
        response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + target));
    }

    private static boolean noUser() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || TRUST.isAnonymous(who) || !who.isAuthenticated();
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static LoginUrlAuthenticationEntryPoint relative(String page) {
        LoginUrlAuthenticationEntryPoint entry = new LoginUrlAuthenticationEntryPoint(page);
        entry.setFavorRelativeUris(true);
        return entry;
    }
}
