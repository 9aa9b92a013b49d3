package io.strata.application.security;

/** A change that conflicts with what is stored: a name already taken, the last admin disabled. */
public final class RefusedChange extends RuntimeException {

    public RefusedChange(String message) {
        super(message);
    }
}
