package io.strata.bootstrap.security;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.OtherNode;
import io.strata.adapters.web.console.OnceSentForms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.bootstrap.security.ConsoleFormSentTwiceTest.fieldOfForm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database behind a round-robin load balancer (docs/scale-out.md): a console form rendered by node A
 * and sent to A and to B, one after the other and at the same moment, is carried out once, and the copy is answered
 * with the first's redirect; an upload sent to A and again to B makes one import, the copy answered at once with the
 * import's page. Until session 51 each node kept the forms it had carried out in its own memory, and the copy sent to
 * the other node made a second token, draft, user or import.
 */
class FormsAcrossNodesTest extends AdminApi {

    private static final String PASSWORD = "quiet forms across nodes 7";
    private static OtherNode nodeB;

    @Autowired
    private HikariDataSource database;

    @Autowired
    private OnceSentForms onceSentOnA;

    @BeforeEach
    void startNodeB() {
        if (nodeB == null) {
            nodeB = OtherNode.start(database, "strata.schedules.check-every=PT24H", "strata.predictions.warm-up=false");
        }
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(ConsoleSession session, String path, String form, String csrf) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.post(path, form, csrf);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long tokensNamed(String name) {
        return jdbc.sql("select count(*) from api_tokens where name = ?").param(name).query(Long.class).single();
    }

    @Test
    void aTokenFormSentToNodeAAndThenToNodeBMakesOneTokenAndBAnswersWithAsRedirect() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        ConsoleSession onB = onA.onNode(nodeB.port());
        String csrf = onA.csrfToken();
        String name = "across " + unique();
        String form = "name=" + encoded(name) + "&role=ANALYST&_form=" + fieldOfForm(onA.get("/admin/access").body(), "token-form", "_form");
        long answeredAgainOnB = nodeB.bean(OnceSentForms.class).answeredAgain();

        HttpResponse<String> first = onA.post("/admin/tokens", form, csrf);
        HttpResponse<String> copy = onB.post("/admin/tokens", form, csrf);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/admin/access");
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(302);
        assertThat(copy.headers().firstValue("Location")).hasValue("/admin/access");
        assertThat(tokensNamed(name)).isEqualTo(1);
        assertThat(nodeB.bean(OnceSentForms.class).answeredAgain()).as("node B answered the copy").isEqualTo(answeredAgainOnB + 1);
        // the one token's secret, from the session the first sending stored, is shown once on either node
        assertThat(onB.get("/admin/access").body()).contains("Token &#39;" + name + "&#39; created. Copy its secret now");
    }

    /**
     * Both copies are under way at once: the test holds a lock on the tokens' table, so the one carried out waits there
     * while the other waits for it on the form's record; both are seen waiting before the lock is let go.
     */
    @Test
    void aTokenFormSentToBothNodesAtTheSameMomentMakesOneToken() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        ConsoleSession onB = onA.onNode(nodeB.port());
        String csrf = onA.csrfToken();
        String name = "at once " + unique();
        String form = "name=" + encoded(name) + "&role=ANALYST&_form=" + fieldOfForm(onA.get("/admin/access").body(), "token-form", "_form");

        List<CompletableFuture<HttpResponse<String>>> sent;
        try (Connection holder = database.getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table api_tokens in exclusive mode");
            sent = List.of(sendAsync(onA, "/admin/tokens", form, csrf), sendAsync(onB, "/admin/tokens", form, csrf));
            // one waits to write its token, the other for the first's record of the form
            awaitSessionsWaitingForLocks(2);
            holder.commit();
        }

        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue("/admin/access");
        }
        assertThat(tokensNamed(name)).isEqualTo(1);
    }

    /**
     * A copy waits for the first sending at most {@code strata.console.form-wait} (here a node that waits one second):
     * while the first is held (a lock on the tokens' table) the copy is answered 409 in words and nothing is done twice;
     * once the first has ended, the same copy gets the first's redirect.
     */
    @Test
    void aCopyThatWaitsLongerThanTheFormWaitIsAnswered409AndNothingIsDoneTwice() throws Exception {
        try (OtherNode impatient = OtherNode.start(database, "strata.schedules.check-every=PT24H", "strata.predictions.warm-up=false",
                "strata.console.form-wait=PT1S")) {
            ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
            ConsoleSession onC = onA.onNode(impatient.port());
            String csrf = onA.csrfToken();
            String name = "impatient " + unique();
            String form = "name=" + encoded(name) + "&role=ANALYST&_form=" + fieldOfForm(onA.get("/admin/access").body(), "token-form", "_form");

            CompletableFuture<HttpResponse<String>> first;
            HttpResponse<String> copy;
            try (Connection holder = database.getConnection(); Statement lock = holder.createStatement()) {
                holder.setAutoCommit(false);
                lock.execute("lock table api_tokens in exclusive mode");
                first = sendAsync(onA, "/admin/tokens", form, csrf);
                awaitSessionsWaitingForLocks(1);
                // bounded: a copy carried out, or waiting longer than its one second, would wait here for the lock too
                copy = sendAsync(onC, "/admin/tokens", form, csrf).get(30, TimeUnit.SECONDS);
                assertThat(tokensNamed(name)).as("nothing written while the first is held").isZero();
                holder.commit();
            }

            assertThat(copy.statusCode()).as(copy.body()).isEqualTo(409);
            assertThat(copy.body()).isEqualTo("This form was sent again while the first sending of it is still being carried out. "
                    + "Nothing was done a second time. Open the page again in a moment to see what the first sending did.");
            HttpResponse<String> answer = first.get(60, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            HttpResponse<String> later = onC.post("/admin/tokens", form, csrf);
            assertThat(later.statusCode()).as(later.body()).isEqualTo(302);
            assertThat(later.headers().firstValue("Location")).hasValue("/admin/access");
            assertThat(tokensNamed(name)).isEqualTo(1);
        }
    }

    @Test
    void aTemplatesFormSentToBothNodesMakesOneDraft() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        String csrf = onA.csrfToken();
        String name = "Across " + unique();
        String form = "template=rfm-classic&name=" + encoded(name) + "&_form=" + fieldOfForm(onA.get("/segmentations").body(), "create-rfm-classic", "_form");

        HttpResponse<String> first = onA.onNode(nodeB.port()).post("/segmentations", form, csrf);
        HttpResponse<String> copy = onA.post("/segmentations", form, csrf);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(copy.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(jdbc.sql("select count(*) from segmentations where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
    }

    private static String importIdOf(String uploadPage) {
        Matcher action = Pattern.compile("action=\"/imports\\?importId=([0-9a-f-]{36})\"").matcher(uploadPage);
        assertThat(action.find()).as("the upload form's address carries its import id: " + uploadPage).isTrue();
        return action.group(1);
    }

    private long importsWithId(String importId) {
        return jdbc.sql("select count(*) from imports where import_id = ?").param(UUID.fromString(importId)).query(Long.class).single();
    }

    @Test
    void anUploadSentToNodeAAndThenToNodeBMakesOneImportAndBPointsToIt() throws Exception {
        String user = createUser("ADMIN", PASSWORD);
        ConsoleSession onA = new ConsoleSession(port);
        assertThat(onA.logIn(user, PASSWORD).statusCode()).isEqualTo(302);
        ConsoleSession onB = onA.onNode(nodeB.port());
        String importId = importIdOf(onA.get("/imports/new").body());
        String csv = "customer_id,email\nUP-" + unique() + ",up@example.com\n";
        String path = "/imports?importId=" + importId;

        HttpResponse<String> first = onA.postMultipart(path, onA.csrfToken(), "entity", "customers", "mode", "strict", "file", csv);
        HttpResponse<String> copy = onB.postMultipart(path, onA.csrfToken(), "entity", "customers", "mode", "strict", "file", csv);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("/imports/" + importId);
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(303);
        assertThat(copy.headers().firstValue("Location")).hasValue("/imports/" + importId);
        assertThat(importsWithId(importId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from imports where requested_by = ?").param(user).query(Long.class).single())
                .as("the user's imports").isEqualTo(1);
    }

    /**
     * The copy arrives while the first is still under way: its record held by a lock on the imports table (the first's
     * file has arrived; the import is about to be recorded). Node B answers the copy at once, without reading its file,
     * with the import's page, which follows the import until it is recorded.
     */
    @Test
    void anUploadSentAgainWhileTheFirstIsUnderWayIsAnsweredAtOnceWithThePageOfTheImportOnItsWay() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        ConsoleSession onB = onA.onNode(nodeB.port());
        String csrf = onA.csrfToken();
        String importId = importIdOf(onA.get("/imports/new").body());
        String path = "/imports?importId=" + importId;
        String csv = "customer_id,email\nWAY-" + unique() + ",way@example.com\n";
        long answeredAgainOnB = nodeB.bean(OnceSentForms.class).answeredAgain();

        CompletableFuture<HttpResponse<String>> first;
        HttpResponse<String> copy;
        HttpResponse<String> onItsWay;
        try (Connection holder = database.getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table imports in exclusive mode");
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return onA.postMultipart(path, csrf, "entity", "customers", "mode", "strict", "file", csv);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitSessionsWaitingForLocks(1);
            // bounded: a copy carried out would wait for the same lock (the lock is let go when the connection closes)
            copy = CompletableFuture.supplyAsync(() -> {
                try {
                    return onB.postMultipart(path, csrf, "entity", "customers", "mode", "strict", "file", csv);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            onItsWay = onB.get("/imports/" + importId);
            holder.commit();
        }

        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(303);
        assertThat(copy.headers().firstValue("Location")).hasValue("/imports/" + importId);
        assertThat(nodeB.bean(OnceSentForms.class).answeredAgain()).isEqualTo(answeredAgainOnB + 1);
        assertThat(onItsWay.statusCode()).isEqualTo(200);
        assertThat(onItsWay.body()).contains("This file was sent once already: it is imported once, as import <span>" + importId + "</span>")
                .contains("hx-get=\"/imports/" + importId + "/progress\"");
        HttpResponse<String> answer = first.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(importsWithId(importId)).isEqualTo(1);
        assertThat(jdbc.sql("select status from imports where import_id = ?").param(UUID.fromString(importId)).query(String.class).single())
                .isEqualTo("COMPLETED");
        // once recorded, the page is the report
        assertThat(onB.get("/imports/" + importId).body()).contains("Import of <span>customers</span>");
    }

    @Test
    void anUploadRefusedWithItsErrorsCanBeSentAgainWithTheSameId() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        String csrf = onA.csrfToken();
        String importId = importIdOf(onA.get("/imports/new").body());
        String path = "/imports?importId=" + importId;

        HttpResponse<String> refused = onA.postMultipart(path, csrf, "entity", "nothing", "mode", "strict", "file", "customer_id\nR1\n");
        HttpResponse<String> again = onA.onNode(nodeB.port()).postMultipart(path, csrf, "entity", "customers", "mode", "strict", "file",
                "customer_id\nR-" + unique() + "\n");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue("/imports/" + importId);
        assertThat(importsWithId(importId)).isEqualTo(1);
    }

    @Test
    void theFormsRecordKeepsADigestOfTheSessionNotTheCookie() throws Exception {
        ConsoleSession onA = loggedIn("ADMIN", PASSWORD);
        String form = "name=" + encoded("digest " + unique()) + "&role=ANALYST&_form="
                + fieldOfForm(onA.get("/admin/access").body(), "token-form", "_form");
        assertThat(onA.post("/admin/tokens", form, onA.csrfToken()).statusCode()).isEqualTo(302);
        String cookie = onA.sessionId().orElseThrow();

        assertThat(jdbc.sql("select count(*) from console_forms_sent where session_digest = ?").param(cookie).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from console_forms_sent where session_digest = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(cookie).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }
}
