package io.strata.application.security.port.out;

import java.util.List;
import java.util.Optional;

/**
 * Out-port: how hard a password is to guess, judged by a maintained estimator (common passwords, words, names,
 * repeats, sequences, keyboard patterns) that lives in an adapter.
 */
public interface PasswordStrength {

    /**
     * Empty when the password is hard enough to guess; otherwise why it is not and how to make it stronger, in words
     * that never repeat the password. {@code personalWords} (the user name, say) count as easy to guess.
     */
    Optional<String> weakness(String password, List<String> personalWords);
}
