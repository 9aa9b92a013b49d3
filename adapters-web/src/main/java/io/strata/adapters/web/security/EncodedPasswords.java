package io.strata.adapters.web.security;

import io.strata.application.security.port.out.PasswordHashing;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Passwords hashed by the encoder the console's login checks them with (BCrypt), so the two always agree. */
final class EncodedPasswords implements PasswordHashing {

    private final PasswordEncoder encoder;

    EncodedPasswords(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public String hash(String password) {
        return encoder.encode(password);
    }
}
