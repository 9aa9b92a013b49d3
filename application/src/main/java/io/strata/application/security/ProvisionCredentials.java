package io.strata.application.security;

import io.strata.application.security.port.out.PasswordStrength;
import io.strata.application.security.port.out.PasswordHashing;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.port.out.ConsoleUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start: the console user {@code admin} exists (password from configuration, or generated on first start) and the
 * configured API token is registered (or, on first start without one, a generated token). Generated secrets are
 * returned once so the caller can print them; they are never stored in clear. A configured admin password is judged by
 * the rules of every console password, but a weak one is a loud warning, not a refusal: the outside contract says
 * the setting sets the admin's password, and an operator who chose it (a test rig, a demo) must get a running system.
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

    public record Generated(String what, String secret) {
    }

    /** What the start created: secrets to print once, and warnings to log loudly. */
    public record Provisioned(List<Generated> generated, List<String> warnings) {

        public Provisioned {
            generated = List.copyOf(generated);
            warnings = List.copyOf(warnings);
        }
    }

    public Provisioned provision(Optional<String> adminPassword, Optional<String> apiToken) {
        List<Generated> generated = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (users.find(ADMIN).isEmpty()) {
            String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
            if (password == null) {
                password = TokenDigest.newSecret("").substring(0, 24);
                generated.add(new Generated("password of console user 'admin'", password));
            } else {
                weakness(password).ifPresent(why -> warnings.add("STRATA_ADMIN_PASSWORD is weak: " + why + (why.endsWith(".") ? "" : ".")
                        + " The console user 'admin' has it because the setting asks for it; on an installation anyone else can reach,"
                        + " start a new one with a stronger STRATA_ADMIN_PASSWORD, or without it to have a strong password generated."));
            }
            users.create(new ConsoleUser(ADMIN, hashing.hash(password), Role.ADMIN, true));
        }
        Optional<String> configured = apiToken.filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            tokens.register("STRATA_API_TOKEN", TokenDigest.of(configured.get()), Role.ADMIN, null);
        } else if (tokens.count() == 0) {
            String token = TokenDigest.newSecret("strata_");
            tokens.register("generated at first start", TokenDigest.of(token), Role.ADMIN, null);
            generated.add(new Generated("API token (full rights)", token));
        }
        return new Provisioned(generated, warnings);
    }

    private Optional<String> weakness(String password) {
        try {
            new CreateConsoleUser(ADMIN, password, Role.ADMIN, "start");
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return strength.weakness(password, List.of(ADMIN)).map(weakness -> "it is too easy to guess: " + weakness);
    }
}
