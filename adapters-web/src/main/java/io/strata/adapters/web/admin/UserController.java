package io.strata.adapters.web.admin;

import io.strata.application.security.ConsoleUser;
import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.adapters.web.problem.ListCursor;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.application.security.CreateConsoleUser;
import io.strata.application.security.port.in.ManageConsoleUsers;
import io.strata.application.security.Role;
import io.strata.application.security.UnknownUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Console users", description = "Admins create console users (ADMIN, PLANNER or ANALYST) and disable or re-enable them")
public class UserController {

    private final ManageConsoleUsers users;

    public UserController(ManageConsoleUsers users) {
        this.users = users;
    }

    public record NewUser(String username, String password, String role) {

        @Override
        public String toString() {
            return "NewUser[" + username + ", " + role + "]";
        }
    }

    public record UserBody(String username, String role, boolean enabled) {

        static UserBody of(ConsoleUser user) {
            return new UserBody(user.username(), user.role().name(), user.enabled());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a console user", description = "Body: {username, password (at least 12 characters, not easy to guess), "
            + "role}. The password is stored as a BCrypt hash. 400 when the password is short, blank or easy to guess (common, "
            + "repetitive, a sequence...; the detail says why and how to choose a better one); 409 when the name is taken in any case "
            + "(user names are one name whatever their case).")
    public ResponseEntity<UserBody> create(@RequestBody NewUser body, Authentication who) {
        if (body == null) {
            throw new IllegalArgumentException("send a JSON body {\"username\": ..., \"password\": ..., \"role\": ...}");
        }
        ConsoleUser user = users.create(new CreateConsoleUser(body.username(), body.password(), Role.parse(body.role()), who.getName()));
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/users/{username}").build(user.username()))
                .body(UserBody.of(user));
    }

    @GetMapping
    @Operation(summary = "Every console user, by name (no password hashes), a page at a time",
            description = "By name in the database's order, as it always has; a call without `before` answers the first `limit`"
                    + " (default 1000). When there are more, the Link header names the next page"
                    + " (<...?before=<name of the last user shown>>; rel=\"next\"); before=<name> answers the users after that name."
                    + " Following the links reaches every user once, in name order.")
    public ResponseEntity<List<UserBody>> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Answer the users whose names come after this name: the Link header's next page gives it")
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX);
        String after = ListCursor.key(before, CreateConsoleUser::isUsername,
                "the name of a console user (1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit)").orElse(null);
        ListCursor.Page<ConsoleUser> page = ListCursor.page(users.users(after, count + 1), count, ConsoleUser::username, request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(UserBody::of).toList());
    }

    @GetMapping("/{username}")
    @Operation(summary = "One console user")
    public UserBody one(@PathVariable String username) {
        return users.user(username).map(UserBody::of)
                .orElseThrow(() -> new UnknownUser(username));
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Disable a console user", description = "The user can no longer log in, and an open session ends at its next request. "
            + "The last enabled admin cannot be disabled (409).")
    public UserBody disable(@PathVariable String username, Authentication who) {
        return UserBody.of(users.disable(username, who.getName()));
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "Enable a disabled console user again")
    public UserBody enable(@PathVariable String username, Authentication who) {
        return UserBody.of(users.enable(username, who.getName()));
    }
}
