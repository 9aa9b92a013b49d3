package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders' run summaries are copied on a second connection into an unlogged table of their own while the lines
 * stream (RunStage), and the import's one transaction reads them. Nothing of that may outlive an import, whatever way
 * it ends, and a reader beside an import still sees the orders before it or after it, never a mix.
 */
class OrderRunStageTest extends ImportEndToEndTest {

    private static final String HEADER = "order_id,customer_id,ordered_at,amount\n";
    /** The advisory lock class of a stage ('RS'), as PostgreSQL shows the first half of a two-part key. */
    private static final int STAGE_LOCK_CLASS = 0x5253;

    @Autowired
    private DataSource dataSource;

    @Test
    void aCompletedImportLeavesNoStageBehind() throws Exception {
        HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO1,C1,2024-03-01,5\nO2,C2,2024-03-02,7\n");

        assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
        assertNothingLeft();
        assertThat(count("select count(*) from orders")).isEqualTo(2);
    }

    @Test
    void aRejectedImportLeavesNoStageBehind() throws Exception {
        HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO2,C2,2024-03-02,not-a-number\n");

        assertThat(json(response).path("status").asString()).isEqualTo("REJECTED");
        assertNothingLeft();
        assertThat(count("select count(*) from orders")).isZero();
    }

    @Test
    void anImportWithOrdersOfSeveralRunsLeavesNoStageBehind() throws Exception {
        // O1 comes back later in the file: the check rewrites its rows through the view of the stage
        HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO2,C2,2024-03-02,7\nO1,C1,2024-03-01,5\n");

        assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
        assertNothingLeft();
        assertThat(jdbc.sql("select order_id || ':' || total::int || ':' || line_count from orders order by order_id").query(String.class).list())
                .containsExactly("O1:15:2", "O2:7:1");
    }

    @Test
    void anImportBrokenMidBodyLeavesNoStageBehind() throws Exception {
        // the quote opened on line 3 never closes: the body fails while the lines stream, after rows were staged
        HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\nO2,\"C2,2024-03-02,7\nO3,C3,2024-03-03,1\n");

        assertProblem(response, 400);
        assertNothingLeft();
        assertThat(count("select count(*) from orders")).isZero();
    }

    @Test
    void aStageLeftByADeadImportIsDroppedByTheNextAndALiveOneIsLeftAlone() throws Exception {
        // as a process killed mid-import leaves it: the table, and no session holding its lock
        jdbc.sql("create unlogged table import_runs_424242 (order_key bigint)").update();
        try (Connection live = dataSource.getConnection(); Statement statement = live.createStatement()) {
            statement.execute("select pg_advisory_lock(" + STAGE_LOCK_CLASS + ", 777)");
            statement.execute("create unlogged table import_runs_777 (order_key bigint)");
            try {
                HttpResponse<String> response = importCsv("orders", HEADER + "O1,C1,2024-03-01,10\n");

                assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
                assertThat(stageTables()).containsExactly("import_runs_777");
            } finally {
                statement.execute("drop table import_runs_777");
                statement.execute("select pg_advisory_unlock(" + STAGE_LOCK_CLASS + ", 777)");
            }
        }
    }

    /**
     * 2,000 orders of total 1 are replaced by 2,000 of total 2 plus 1,000 new ones of total 2, while a reader counts and sums
     * orders and purchase facts in one statement, again and again: every answer is the state before or after.
     */
    @Test
    @Timeout(120)
    void aReaderBesideAReimportSeesTheOldOrTheNewOrdersNeverAMix() throws Exception {
        assertThat(json(importCsv("orders", orders(2000, 1))).path("status").asString()).isEqualTo("COMPLETED");
        String before = "2000|2000|2000";
        String after = "3000|6000|6000";
        assertThat(state()).isEqualTo(before);

        AtomicBoolean importing = new AtomicBoolean(true);
        CompletableFuture<Set<String>> seen = CompletableFuture.supplyAsync(() -> {
            Set<String> states = new LinkedHashSet<>();
            try (Connection reader = dataSource.getConnection(); Statement statement = reader.createStatement()) {
                while (importing.get()) {
                    try (ResultSet rs = statement.executeQuery(STATE)) {
                        rs.next();
                        states.add(rs.getString(1));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return states;
        });
        HttpResponse<String> response;
        try {
            response = importCsv("orders", orders(3000, 2));
        } finally {
            importing.set(false);
        }

        assertThat(json(response).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(state()).isEqualTo(after);
        List<String> states = new ArrayList<>(seen.get());
        assertThat(states).isNotEmpty().allSatisfy(state -> assertThat(state).isIn(before, after));
        assertNothingLeft();
    }

    /** Orders O1..On of one line each, of customers C0..C99, each of {@code total}. */
    private static String orders(int n, int total) {
        StringBuilder body = new StringBuilder(HEADER);
        for (int i = 1; i <= n; i++) {
            body.append('O').append(i).append(",C").append(i % 100).append(",2024-03-01,").append(total).append('\n');
        }
        return body.toString();
    }

    /** Orders, their sum, and the purchase facts' sum, read in one statement (one snapshot). */
    private static final String STATE = "select (select count(*) from orders) || '|' || (select coalesce(sum(total), 0)::int from orders) "
            + "|| '|' || (select coalesce(sum(monetary), 0)::int from customer_purchase_facts)";

    private String state() {
        return jdbc.sql(STATE).query(String.class).single();
    }

    private List<String> stageTables() {
        return jdbc.sql("select relname::text from pg_class where relname like 'import\\_runs\\_%' order by 1").query(String.class).list();
    }

    private void assertNothingLeft() {
        assertThat(stageTables()).isEmpty();
        // the view through which the import read its stage, in any session's temporary schema
        assertThat(count("select count(*) from pg_class where relname = 'stage_orders'")).isZero();
        assertThat(count("select count(*) from pg_locks where locktype = 'advisory' and classid = " + STAGE_LOCK_CLASS)).isZero();
    }
}
