package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;

/** Tests of the console as an admin: each test starts logged in through the login form, with the session's CSRF token. */
abstract class AdminConsoleTest extends AdminApi {

    protected static final String PASSWORD = "sound harbour lantern";

    protected ConsoleSession admin;
    protected String csrf;

    @BeforeEach
    void logInAsAdmin() throws Exception {
        admin = loggedIn("ADMIN", PASSWORD);
        csrf = admin.csrfToken();
    }
}
