package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tactical segment is changed by saving a new version and archiving the one changed; a second person revising the
 * archived version is refused. Probed from outside (session 51): one after the other that held, but two revisions at
 * once both passed the check before either archived, and the segment had two active versions, each with one person's
 * rule. Now the revision holds the version's row from its check to its commit. The second is answered 409 with the form
 * as typed, the first person named, and the form aimed at the first one's version (session 53).
 */
class TacticalRevisionsTogetherTest extends AdminApi {

    private static final String PASSWORD = "copper lantern harbour 63";

    @Autowired
    private DataSource dataSource;

    @Test
    void twoPeopleRevisingTheSameVersionAtOnceMakeOneNewVersionAndTheSecondIsToldWhoMadeItWithTheFormAsTyped() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        String segmentation = field(created.body(), "id");
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + segmentation + "/activate", "").statusCode()).isEqualTo(200);
        HttpResponse<String> tactical = postJsonAs(TOKEN, "/api/v1/tactical-segments",
                "{\"name\": \"Frequent\", \"parentSegment\": \"at_risk\", \"rule\": \"frequency >= 3\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);
        String id = field(tactical.body(), "id");

        String nameOfA = createUser("PLANNER", PASSWORD);
        String nameOfB = createUser("PLANNER", PASSWORD);
        ConsoleSession a = new ConsoleSession(port);
        a.logIn(nameOfA, PASSWORD);
        ConsoleSession b = new ConsoleSession(port);
        b.logIn(nameOfB, PASSWORD);
        String csrfOfA = a.csrfToken();
        String csrfOfB = b.csrfToken();
        List<HttpResponse<String>> answers;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("select 1 from tactical_segments where tactical_id = " + id + " for update");
            }
            CompletableFuture<HttpResponse<String>> byA = CompletableFuture.supplyAsync(() -> revise(a, id, "frequency >= 4", csrfOfA));
            CompletableFuture<HttpResponse<String>> byB = CompletableFuture.supplyAsync(() -> revise(b, id, "frequency >= 5", csrfOfB));
            awaitSessionsWaitingForLocks(2);
            holder.rollback();
            answers = List.of(byA.join(), byB.join());
        }

        assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).as("one saved, one refused").containsExactly(302, 409);
        List<Long> active = jdbc.sql("select tactical_id from tactical_segments where status = 'ACTIVE'").query(Long.class).list();
        assertThat(active).as("one new version, the first revision's").hasSize(1);
        HttpResponse<String> saved = answers.stream().filter(answer -> answer.statusCode() == 302).findFirst().orElseThrow();
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/tactical-segments/" + active.get(0));
        assertThat(jdbc.sql("select status from tactical_segments where tactical_id = ?").param(Long.parseLong(id)).query(String.class).single())
                .isEqualTo("ARCHIVED");

        // the second: the page again, with the rule it typed, the first named, and the form aimed at the first one's version
        boolean aWasSaved = saved == answers.get(0);
        HttpResponse<String> refused = answers.get(aWasSaved ? 1 : 0);
        String typed = aWasSaved ? "frequency &gt;= 5" : "frequency &gt;= 4";
        assertThat(refused.body())
                .contains("&#39;Frequent&#39; was changed after you read it: a newer version, &#39;Frequent&#39; (" + active.get(0)
                        + "), was saved by " + (aWasSaved ? nameOfA : nameOfB) + " at ")
                .containsPattern("id=\"revise-rule\"[^>]*>" + java.util.regex.Pattern.quote(typed) + "</textarea>")
                .contains("action=\"/tactical-segments/" + active.get(0) + "/revise\"");
    }

    private static HttpResponse<String> revise(ConsoleSession session, String id, String rule, String csrf) {
        try {
            return session.post("/tactical-segments/" + id + "/revise", "name=Frequent&hypothesis=&rule=" + java.net.URLEncoder.encode(rule,
                    java.nio.charset.StandardCharsets.UTF_8), csrf);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
