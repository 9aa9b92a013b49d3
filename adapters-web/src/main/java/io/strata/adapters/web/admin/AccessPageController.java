package io.strata.adapters.web.admin;

import io.strata.domain.text.PlainText;
import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.security.CreateConsoleUser;
import io.strata.application.security.IssueToken;
import io.strata.application.security.IssuedToken;
import io.strata.application.security.port.in.ManageApiTokens;
import io.strata.application.security.port.in.ManageConsoleUsers;
import io.strata.application.security.RefusedChange;
import io.strata.application.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
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
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * Admins manage API tokens and console users here; a new token's secret is shown once, right after creation. A
 * refused form is shown again (422) with what was typed (never the password) and the message next to its field; the
 * fields are {@code token.name}, {@code token.role}, {@code token.expiresOn}, {@code user.username},
 * {@code user.password} and {@code user.role}, and the commands' messages name the field they are about.
 */
@Controller
@ConsolePage
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
        return access(new FieldErrors(), Map.of(), model);
    }

    private String access(FieldErrors errors, Map<String, String> typed, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
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
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
                 @RequestParam(required = false) String expiresOn, Authentication who, Model model, HttpServletResponse response,
                 RedirectAttributes flash) {
        Map<String, String> typed = Map.of("token.name", name, "token.role", role, "token.expiresOn", expiresOn == null ? "" : expiresOn);
        FieldErrors errors = new FieldErrors();
        Role parsedRole = role(role, "token.role", errors);
        Instant expires = null;
        try {
            expires = expiresOn == null || expiresOn.isBlank() ? null
                    : LocalDate.parse(expiresOn.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("token.expiresOn", "'" + PlainText.echo(expiresOn) + "' is not a date; use YYYY-MM-DD.");
        } catch (java.time.DateTimeException pastJavasDates) {
            // the day after +999999999-12-31 is past every date Java holds: a 500 before
            errors.add("token.expiresOn", "'" + expiresOn.strip() + "' lies after 9999-12-31, the last day a token may expire on; "
                    + "give an earlier day, or none for a token without end.");
        }
        if (errors.isEmpty()) {
            try {
                IssuedToken issued = tokens.issue(new IssueToken(name, parsedRole, expires, who.getName()));
                flash.addFlashAttribute("secret", issued.secret());
                flash.addFlashAttribute("message", "Token '" + issued.token().name() + "' created. Copy its secret now: it is not shown again.");
                return "redirect:/admin/access";
            } catch (IllegalArgumentException e) {
                String field = FieldErrors.fieldNamedBy(e.getMessage()).orElse("");
                if (!Map.of("name", "", "role", "", "expiresAt", "").containsKey(field)) {
                    flash.addFlashAttribute("error", e.getMessage());
                    return "redirect:/admin/access";
                }
                errors.add("token." + (field.equals("expiresAt") ? "expiresOn" : field), e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return access(errors, typed, model);
    }

    /**
     * The role chosen in the form's list; a role the list does not offer (an empty one, one typed into an edited form, an
     * importer for a console user) is refused naming what the list offers, not a Java array of every role (session 57).
     */
    private static Role role(String role, String field, FieldErrors errors) {
        List<Role> offered = field.startsWith("user.") ? Arrays.stream(Role.values()).filter(r -> r != Role.IMPORTER).toList()
                : List.of(Role.values());
        String choices = String.join(", ", offered.subList(0, offered.size() - 1).stream().map(Role::name).toList()) + " or "
                + offered.get(offered.size() - 1).name();
        if (role.isBlank()) {
            errors.add(field, "Choose a role: " + choices + ".");
            return null;
        }
        try {
            Role parsed = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
            if (offered.contains(parsed)) {
                return parsed;
            }
            errors.add(field, "'" + parsed.name() + "' is for API tokens; a console user is " + choices + ".");
            return null;
        } catch (IllegalArgumentException e) {
            // refused below
        }
        errors.add(field, "'" + PlainText.echo(role.strip()) + "' is not a role " + (field.startsWith("user.") ? "of a console user" : "of a token")
                + "; choose " + choices + ".");
        return null;
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Authentication who, RedirectAttributes flash) {
        try {
            tokens.revoke(id, who.getName());
            flash.addFlashAttribute("message", "Token " + id + " revoked.");
        } catch (io.strata.application.security.UnknownToken e) {
            // a console form answered in the console's words, not the API's problem document (session 57: a JSON 404
            // ending "fix: GET /api/v1/tokens lists them")
            flash.addFlashAttribute("error", "There is no API token " + id + ", so nothing was revoked; the list of tokens below shows every one.");
        }
        return "redirect:/admin/access";
    }

    @PostMapping("/admin/users")
    String createUser(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                      @RequestParam(defaultValue = "") String role, Authentication who, Model model, HttpServletResponse response,
                      RedirectAttributes flash) {
        Map<String, String> typed = Map.of("user.username", username, "user.role", role);
        FieldErrors errors = new FieldErrors();
        Role parsedRole = role(role, "user.role", errors);
        if (errors.isEmpty()) {
            try {
                users.create(new CreateConsoleUser(username, password, parsedRole, who.getName()));
                flash.addFlashAttribute("message", "User '" + username + "' created.");
                return "redirect:/admin/access";
            } catch (RefusedChange e) {
                errors.add("user.username", e.getMessage()); // the one refusal of a new user: the name is taken
            } catch (IllegalArgumentException e) {
                String field = FieldErrors.fieldNamedBy(e.getMessage()).orElse("");
                if (!Map.of("username", "", "password", "", "role", "").containsKey(field)) {
                    flash.addFlashAttribute("error", e.getMessage());
                    return "redirect:/admin/access";
                }
                errors.add("user." + field, e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return access(errors, typed, model);
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
        } catch (io.strata.application.security.UnknownUser e) {
            // the name as the address gave it, quoted cut (session 57: a name of 300 characters came back whole)
            flash.addFlashAttribute("error", "There is no console user named '" + PlainText.echo(username) + "', so nobody was " + change
                    + "d; the list of users below shows every name.");
        } catch (RefusedChange e) {
            // the product's refusals (yourself, the last admin); any other failure (a lock, the database away) is no
            // refusal and goes to the answers every page gets (503 in words, or an incident's reference), never as the
            // database's or Spring's words in the flash, as until session 59
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/access";
    }

}
