package io.strata.bootstrap.security;

import io.strata.bootstrap.OtherNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database: the suite's application (node A) and a second context on its own port (node B). A
 * console session made on one node is served by the other, CSRF token and all, and a logout on one ends it on both.
 */
class SessionsAcrossNodesTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";
    private static OtherNode nodeB;

    @Autowired
    private HikariDataSource database;

    @BeforeEach
    void startNodeB() {
        if (nodeB == null) {
            nodeB = OtherNode.start(database);
        }
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void aSessionMadeOnOneNodeServesPagesAndFormsOnTheOtherAndALogoutEndsItOnBoth() throws Exception {
        String name = createUser("ADMIN", PASSWORD);
        ConsoleSession onA = new ConsoleSession(port);
        assertThat(location(onA.logIn(name, PASSWORD))).isEqualTo("/");
        String csrf = onA.csrfToken();
        ConsoleSession onB = onA.onNode(nodeB.port());

        HttpResponse<String> page = onB.get("/admin/access");
        assertThat(page.statusCode()).as("node B knows the session made on node A").isEqualTo(200);
        String tokenName = "made on node B " + unique();
        // the CSRF token read from a page of node A, checked by node B against the session in the database
        HttpResponse<String> form = onB.post("/admin/tokens", "name=" + tokenName.replace(' ', '+') + "&role=ANALYST&expiresOn=", csrf);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(location(form)).isEqualTo("/admin/access");
        assertThat(jdbc.sql("select actor from audit_events where subject_type = 'api_token' and after like ?").param("%" + tokenName + "%")
                .query(String.class).single()).as("the form was sent as the user logged in on node A").isEqualTo(name);

        assertThat(onA.post("/logout", "", csrf).statusCode()).isEqualTo(302);

        HttpResponse<String> afterLogout = onB.get("/admin/access");
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        assertThat(location(afterLogout)).isEqualTo("/login");
    }

    @Test
    void aUserDisabledThroughOneNodeIsLoggedOutOnTheOther() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession onB = new ConsoleSession(nodeB.port());
        onB.logIn(name, PASSWORD);
        assertThat(onB.get("/").statusCode()).isEqualTo(200);

        assertThat(postJsonAs(TOKEN, "/api/v1/users/" + name + "/disable", "").statusCode()).isEqualTo(200);

        HttpResponse<String> next = onB.get("/");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(location(next)).isEqualTo("/login?error&disabled");
    }

    @Test
    void aSessionLastsThirtyIdleMinutesAndAnExpiredOneIsRefusedAndCleanedUp() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?").param(name).query(Integer.class).single())
                .isEqualTo(30 * 60);

        jdbc.sql("update spring_session set expiry_time = 0 where principal_name = ?").param(name).update();

        // the job Spring Session runs every minute on every node
        nodeB.bean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(name).query(Long.class).single()).isZero();
        assertThat(browser.onNode(nodeB.port()).get("/").statusCode()).as("an expired session opens nothing").isEqualTo(302);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }
}
