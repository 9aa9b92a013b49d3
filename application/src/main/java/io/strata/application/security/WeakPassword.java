package io.strata.application.security;

/** A password refused because it is easy to guess; the message says why and how to choose a better one. */
public final class WeakPassword extends IllegalArgumentException {

    public WeakPassword(String weakness) {
        super("'password' is too easy to guess: " + weakness);
    }
}
