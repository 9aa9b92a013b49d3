package io.strata.application.security.port.out;

/** Out-port: a slow, salted password hash (BCrypt at the edge). */
public interface PasswordHashing {

    String hash(String rawPassword);
}
