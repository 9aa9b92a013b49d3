package io.strata.adapters.web.admin;

import io.strata.application.security.CreateConsoleUser;
import io.strata.application.security.IssueToken;
import io.strata.application.security.IssuedToken;
import io.strata.application.security.ManageApiTokens;
import io.strata.application.security.ManageConsoleUsers;
import io.strata.application.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Admins manage API tokens and console users here; a new token's secret is shown once, right after creation. */
@Controller
public class AccessPageController {

    private final ManageApiTokens tokens;
    private final ManageConsoleUsers users;
    private final Clock clock;

    public AccessPageController(ManageApiTokens tokens, ManageConsoleUsers users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/admin/access")
    String access(Model model) {
        Instant now = clock.instant();
        model.addAttribute("tokens", tokens.tokens().stream().map(t -> new TokenRow(t.id(), t.name(), t.role(), t.statusAt(now).name(),
                t.createdAt(), t.expiresAt())).toList());
        model.addAttribute("users", users.users());
        model.addAttribute("roles", Role.values());
        model.addAttribute("userRoles", Arrays.stream(Role.values()).filter(r -> r != Role.IMPORTER).toList());
        return "admin/access";
    }

    public record TokenRow(long id, String name, Role role, String status, Instant createdAt, Instant expiresAt) {
    }

    @PostMapping("/admin/tokens")
    String issue(@RequestParam String name, @RequestParam Role role, @RequestParam(required = false) String expiresOn,
                 Authentication who, RedirectAttributes flash) {
        try {
            Instant expires = expiresOn == null || expiresOn.isBlank() ? null
                    : LocalDate.parse(expiresOn).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            IssuedToken issued = tokens.issue(new IssueToken(name, role, expires, who.getName()));
            flash.addFlashAttribute("secret", issued.secret());
            flash.addFlashAttribute("message", "Token '" + issued.token().name() + "' created. Copy its secret now: it is not shown again.");
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/access";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Authentication who, RedirectAttributes flash) {
        tokens.revoke(id, who.getName());
        flash.addFlashAttribute("message", "Token " + id + " revoked.");
        return "redirect:/admin/access";
    }

    @PostMapping("/admin/users")
    String createUser(@RequestParam String username, @RequestParam String password, @RequestParam Role role, Authentication who,
                      RedirectAttributes flash) {
        try {
            users.create(new CreateConsoleUser(username, password, role, who.getName()));
            flash.addFlashAttribute("message", "User '" + username + "' created.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/access";
    }

    @PostMapping("/admin/users/{username}/{change:enable|disable}")
    String changeUser(@PathVariable String username, @PathVariable String change, Authentication who, RedirectAttributes flash) {
        try {
            if (change.equals("disable")) {
                users.disable(username, who.getName());
            } else {
                users.enable(username, who.getName());
            }
            flash.addFlashAttribute("message", "User '" + username + "' " + change + "d.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/access";
    }

}
