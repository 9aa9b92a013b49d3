package io.strata.adapters.web.security;

import io.strata.application.security.ConsoleUser;
import io.strata.application.security.port.in.ManageConsoleUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Disabling a console user takes effect at once: a session of a user who has since been disabled (or removed) is
 * ended at its next request, which goes to the login page.
 */
final class DisabledUserLogout extends OncePerRequestFilter {

    private final ManageConsoleUsers users;

    DisabledUserLogout(ManageConsoleUsers users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who instanceof UsernamePasswordAuthenticationToken && who.isAuthenticated()
                && users.user(who.getName()).filter(ConsoleUser::enabled).isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?error&disabled");
            return;
        }
        chain.doFilter(request, response);
    }
}
