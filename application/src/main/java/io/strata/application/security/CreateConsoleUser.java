package io.strata.application.security;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Command: a person who may log in to the console, with a password that meets the policy. */
public record CreateConsoleUser(String username, String password, Role role, String actor) {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** BCrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** Whether {@code text} can be a user's name: what {@code username} must be. */
    public static boolean isUsername(String text) {
        return text != null && USERNAME.matcher(text).matches();
    }

    public CreateConsoleUser {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("'username' is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("'password' is blank; choose at least " + MIN_PASSWORD_LENGTH
                    + " characters, for example a few uncommon words");
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("'password' must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("'password' must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new IllegalArgumentException("'password' must not be the user name");
        }
        if (role == null || !role.forPeople()) {
            throw new IllegalArgumentException("'role' of a console user is ADMIN, PLANNER or ANALYST; IMPORTER is for API tokens");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a user is created by someone");
        }
    }

    @Override
    public String toString() {
        return "CreateConsoleUser[" + username + ", " + role + ", by " + actor + "]";
    }
}
