package io.strata.application.security;

import io.strata.application.security.port.out.LoginFailures;

/** The login-failure contract on the in-memory fake the application's tests use. */
class InMemoryLoginFailuresTest extends LoginFailuresContract {

    @Override
    protected LoginFailures emptyStore() {
        return new InMemoryLoginFailures();
    }
}
