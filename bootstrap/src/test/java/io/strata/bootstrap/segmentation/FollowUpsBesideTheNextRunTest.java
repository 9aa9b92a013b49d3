package io.strata.bootstrap.segmentation;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's follow-ups (migrations, measurements: 10-23 s at 1M) go on on a worker of their own, so a run asked for while
 * they are at it starts and answers at once instead of queueing behind them (issue 19 item 2).
 */
class FollowUpsBesideTheNextRunTest extends EndToEndTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aRunAskedForWhileThePreviousRunsFollowUpsAreStuckIsAnsweredWithoutThem() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nq1,b1,2024-06-01,10\nq2,b2,2024-06-01,10\n");
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body();
        post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");

        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            // the next run's follow-ups store its migration from the first run: they wait here until the end of the test
            statement.execute("lock table run_migrations in exclusive mode");
            try {
                HttpResponse<String> second = runWithin("2024-07-01");
                assertThat(second.body()).contains("\"status\":\"COMPLETED\"");

                HttpResponse<String> third = runWithin("2024-07-02");

                assertThat(third.statusCode()).isEqualTo(200);
                assertThat(third.body()).contains("\"status\":\"COMPLETED\"");
                assertThat(jdbc.sql("select count(*) from segmentation_runs where status = 'COMPLETED' and followed_up_at is null")
                        .query(Long.class).single()).as("the second run's follow-ups still wait for the lock").isGreaterThanOrEqualTo(1);
            } finally {
                holder.rollback();
            }
        }
        awaitRunFollowUps();
    }

    /** A run with ?wait=true that must answer within 30 s (queued behind stuck follow-ups it would not). */
    private HttpResponse<String> runWithin(String asOf) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/segmentation-runs?wait=true")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"asOf\":\"" + asOf + "\"}")).build());
    }
}
