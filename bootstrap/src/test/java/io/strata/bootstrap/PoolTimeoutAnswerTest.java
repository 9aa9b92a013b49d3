package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that finds every database connection taken waits the pool's timeout (5 s in the suite) and is then told
 * Strata is busy, in the product's words and with when to try again: in the API's token check (a filter, before any
 * controller), on a console page (the session is read in a filter too), and in an import, whose record says the same.
 * The test takes the connections itself, straight from the pool.
 */
class PoolTimeoutAnswerTest extends EndToEndTest {

    private static final String BUSY = "Strata could not get a connection to its database in time: all of them are in use by "
            + "other requests, imports and runs. Send the request again in 5 seconds; if this keeps happening, ask your "
            + "administrator to look at what is running or to give Strata more connections (strata.db.pool-size).";
    /** Words of Java, Spring, Hikari and PostgreSQL that must never reach a reader. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Hikari|SQL|Connection is not available|at io\\.|at org\\.|strata - ");

    @Autowired
    DataSource dataSource;

    @Test
    void anApiCallWhoseTokenCannotBeCheckedIsAnsweredThatStrataIsBusy() throws Exception {
        HttpResponse<String> busy;
        try (Taken ignored = takeAllBut(0)) {
            busy = get("/api/v1/campaigns");
        }
        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(busy.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Strata is busy\",\"status\":503,\"detail\":\"" + BUSY
                + "\",\"instance\":\"/api/v1/campaigns\"}");
        assertThat(get("/api/v1/campaigns").statusCode()).as("answers again once connections are free").isEqualTo(200);
    }

    @Test
    void aConsolePageWhoseSessionCannotBeReadShowsThatStrataIsBusy() throws Exception {
        HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
        HttpResponse<String> busy;
        try (Taken ignored = takeAllBut(0)) {
            busy = browser.send(HttpRequest.newBuilder(uri("/campaigns")).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(busy.body()).contains("<h1>Strata is busy</h1>").contains(BUSY);
        assertThat(busy.body()).doesNotContainPattern(INTERNALS);
        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(uri("/campaigns")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("the session survived").isEqualTo(200);
    }

    /**
     * One connection left: the token check takes it and gives it back, the import's claim takes it (and writes the
     * record on it), and the import's transaction finds none.
     */
    @Test
    void anImportThatCannotGetItsConnectionFailsInTheProductsWordsAndItsRecordSaysSo() throws Exception {
        emptyDatabase();
        HttpResponse<String> failed;
        try (Taken ignored = takeAllBut(1)) {
            failed = post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nO-1,C-1,2024-03-01,10\n");
        }
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(failed.body()).contains("\"title\":\"The import could not be completed\"")
                .containsPattern("\"detail\":\"The import could not be completed because of a problem on Strata's side, not in the file; "
                        + "nothing of it was written \\(reference [0-9a-f]{8}\\)\\. Send the file again; if it fails again, give the reference "
                        + "to your administrator\\.\"")
                .doesNotContainPattern(INTERNALS);
        Matcher id = Pattern.compile("\"importId\":\"([0-9a-f-]{36})\"").matcher(failed.body());
        assertThat(id.find()).as(failed.body()).isTrue();
        Matcher detail = Pattern.compile("\"detail\":\"([^\"]+)\"").matcher(failed.body());
        assertThat(detail.find()).isTrue();

        HttpResponse<String> record = get("/api/v1/imports/" + id.group(1));
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        assertThat(record.body()).contains("\"status\":\"FAILED\"").contains("\"message\":\"" + detail.group(1) + "\"");
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isZero();
    }

    /** Connections taken from the pool until {@code left} are free; given back on close. */
    private Taken takeAllBut(int left) throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize() - left; i++) {
                taken.add(pool.getConnection());
            }
        } catch (SQLException | RuntimeException e) {
            new Taken(taken).close();
            throw e;
        }
        return new Taken(taken);
    }

    private record Taken(List<Connection> connections) implements AutoCloseable {
        @Override
        public void close() {
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // back to the pool or dropped by it
                }
            }
        }
    }
}
