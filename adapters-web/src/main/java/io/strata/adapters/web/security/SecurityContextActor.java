package io.strata.adapters.web.security;

import io.strata.application.audit.port.out.CurrentActor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The authenticated user or token of the request being served; "system" outside a request (demo load, startup). */
@Component
public class SecurityContextActor implements CurrentActor {

    @Override
    public String name() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || who instanceof AnonymousAuthenticationToken || who.getName() == null) {
            return SYSTEM;
        }
        return who.getName();
    }
}
