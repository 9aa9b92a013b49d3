package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Console forms sent twice at once from one session. */
class ConsoleFormsAtOnceTest extends AdminApi {

    private static final String PASSWORD = "quiet forms twice at once 7";
    private static final int AT_ONCE = 6;
    private static final int ROUNDS = 5;

    @Test
    void aFormSentSeveralTimesAtOnceFromOneSessionIsAnsweredEachTimeWithItsRedirect() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // a fresh session each round: the flash message of a redirect is stored in the session the first time
            ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
            String csrf = admin.csrfToken();
            String user = createUser("ANALYST", PASSWORD);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return admin.post("/admin/users/" + user + "/disable", "", csrf);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> sent = answer.get(30, TimeUnit.SECONDS);
                assertThat(sent.statusCode()).as("round " + round + ": " + sent.body()).isEqualTo(302);
                assertThat(sent.headers().firstValue("Location")).as("round " + round).hasValue("/admin/access");
            }
            HttpResponse<String> page = admin.get("/admin/access");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("User &#39;" + user + "&#39; disabled.");
            assertThat(jdbc.sql("select enabled from console_users where username = ?").param(user).query(Boolean.class).single()).isFalse();
        }
    }
}
