package io.strata.application.security;

public record ConsoleUser(String username, String passwordHash, Role role, boolean enabled) {

    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", " + role + (enabled ? "" : ", disabled") + "]";
    }
}
