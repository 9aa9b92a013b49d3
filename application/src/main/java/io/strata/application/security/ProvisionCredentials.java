package io.strata.application.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start: the console user {@code admin} exists (password from configuration, or generated on first start) and the
 * configured API token is registered (or, on first start without one, a generated token). Generated secrets are
 * returned once so the caller can print them; they are never stored in clear. A configured admin password is held to
 * the rules of every console password: a weak one stops the start (an admin account guessable from the first minute
 * is worse than no start), with a message saying why and what to do.
 */
public final class ProvisionCredentials {

    public static final String ADMIN = "admin";

    private final ConsoleUsers users;
    private final ApiTokens tokens;
    private final PasswordHashing hashing;
    private final PasswordStrength strength;

    public ProvisionCredentials(ConsoleUsers users, ApiTokens tokens, PasswordHashing hashing, PasswordStrength strength) {
        this.users = users;
        this.tokens = tokens;
        this.hashing = hashing;
        this.strength = strength;
    }

    /** The configured admin password is refused: the application must not start with it. */
    public static final class RefusedAdminPassword extends IllegalStateException {

        RefusedAdminPassword(String why) {
            super("STRATA_ADMIN_PASSWORD is refused: " + why + (why.endsWith(".") ? "" : ".") + " Set a stronger STRATA_ADMIN_PASSWORD, or leave it unset to have a "
                    + "strong password generated and printed once to the log, then start again.");
        }
    }

    public record Generated(String what, String secret) {
    }

    public List<Generated> provision(Optional<String> adminPassword, Optional<String> apiToken) {
        List<Generated> generated = new ArrayList<>();
        if (users.find(ADMIN).isEmpty()) {
            String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
            if (password == null) {
                password = TokenDigest.newSecret("").substring(0, 24);
                generated.add(new Generated("password of console user 'admin'", password));
            } else {
                refuseIfWeak(password);
            }
            users.create(new ConsoleUsers.ConsoleUser(ADMIN, hashing.hash(password), Role.ADMIN, true));
        }
        Optional<String> configured = apiToken.filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            tokens.register("STRATA_API_TOKEN", TokenDigest.of(configured.get()), Role.ADMIN, null);
        } else if (tokens.count() == 0) {
            String token = TokenDigest.newSecret("strata_");
            tokens.register("generated at first start", TokenDigest.of(token), Role.ADMIN, null);
            generated.add(new Generated("API token (full rights)", token));
        }
        return generated;
    }

    private void refuseIfWeak(String password) {
        try {
            new CreateConsoleUser(ADMIN, password, Role.ADMIN, "start");
        } catch (IllegalArgumentException e) {
            throw new RefusedAdminPassword(e.getMessage());
        }
        strength.weakness(password, List.of(ADMIN)).ifPresent(weakness -> {
            throw new RefusedAdminPassword("'password' is too easy to guess: " + weakness);
        });
    }
}
