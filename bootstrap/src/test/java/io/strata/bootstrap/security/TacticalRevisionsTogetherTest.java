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
 * rule. Now the revision holds the version's row from its check to its commit.
 */
class TacticalRevisionsTogetherTest extends AdminApi {

    private static final String PASSWORD = "copper lantern harbour 63";

    @Autowired
    private DataSource dataSource;

    @Test
    void twoPeopleRevisingTheSameVersionAtOnceMakeOneNewVersionAndTheSecondIsToldItWasArchived() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        String segmentation = field(created.body(), "id");
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + segmentation + "/activate", "").statusCode()).isEqualTo(200);
        HttpResponse<String> tactical = postJsonAs(TOKEN, "/api/v1/tactical-segments",
                "{\"name\": \"Frequent\", \"parentSegment\": \"at_risk\", \"rule\": \"frequency >= 3\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);
        String id = field(tactical.body(), "id");

        ConsoleSession a = loggedIn("PLANNER", PASSWORD);
        ConsoleSession b = loggedIn("PLANNER", PASSWORD);
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

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(302));
        List<String> places = answers.stream().map(answer -> answer.headers().firstValue("Location").orElseThrow()).sorted().toList();
        List<Long> active = jdbc.sql("select tactical_id from tactical_segments where status = 'ACTIVE'").query(Long.class).list();
        assertThat(active).as("one new version, the first revision's").hasSize(1);
        // the first goes to its new version, the second back to the archived one
        assertThat(places.stream().filter(place -> place.endsWith("/tactical-segments/" + active.get(0)))).hasSize(1);
        assertThat(places.stream().filter(place -> place.endsWith("/tactical-segments/" + id))).hasSize(1);
        assertThat(jdbc.sql("select status from tactical_segments where tactical_id = ?").param(Long.parseLong(id)).query(String.class).single())
                .isEqualTo("ARCHIVED");
        HttpResponse<String> refused = answers.stream().filter(answer -> answer.headers().firstValue("Location").orElseThrow()
                .endsWith("/tactical-segments/" + id)).findFirst().orElseThrow();
        ConsoleSession second = refused == answers.get(0) ? a : b;
        assertThat(second.get("/tactical-segments/" + id).body())
                .contains("&#39;Frequent&#39; was archived meanwhile, by a newer version or by hand; open its latest version to change it");
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
