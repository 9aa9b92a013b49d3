package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure that PostgreSQL ends to break a deadlock every time it is done (40P01 on each of its three attempts): the
 * answer is a 503 in the product's words with Retry-After, nothing is erased and nothing audited, and the attempts were
 * spaced so that the other side of a real cycle could go on (before: done again at once, and a 500 with a reference).
 * The deadlock is PostgreSQL's own error, raised by a trigger on the customer's events with the real SQLState;
 * sequences count the attempts and keep their moments, as their values survive the rollbacks.
 */
class ErasureEndedByDeadlocksTest extends EndToEndTest {

    @BeforeEach
    void aCustomerWithAnEventWhoseDeletionDeadlocks() throws Exception {
        emptyDatabase();
        HttpResponse<String> imported = post("/api/v1/imports/events", "text/csv", """
                customer_id,event_type,occurred_at,event_id
                LOCKED-IN,email_open,2026-11-01T10:00:00Z,d1
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        jdbc.sql("create sequence erasure_attempts").update();
        for (int attempt = 1; attempt <= 3; attempt++) {
            jdbc.sql("create sequence erasure_attempt_" + attempt + "_at").update();
        }
        // each attempt's moment, in ms, kept by setval, which no rollback undoes
        jdbc.sql("""
                create function deadlock_on_delete() returns trigger language plpgsql as $$
                begin
                  perform setval('erasure_attempt_' || nextval('erasure_attempts') || '_at',
                                 (extract(epoch from clock_timestamp()) * 1000)::bigint);
                  raise exception 'deadlock detected' using errcode = '40P01';
                end $$""").update();
        jdbc.sql("create trigger deadlock_on_delete before delete on events for each row execute function deadlock_on_delete()").update();
    }

    @AfterEach
    void dropTheDeadlock() {
        jdbc.sql("drop trigger if exists deadlock_on_delete on events").update();
        jdbc.sql("drop function if exists deadlock_on_delete()").update();
        jdbc.sql("drop sequence if exists erasure_attempts, erasure_attempt_1_at, erasure_attempt_2_at, erasure_attempt_3_at").update();
    }

    @Test
    void anErasureEndedByADeadlockAtEveryAttemptIsA503InWordsAndErasesNothing() throws Exception {
        long auditedBefore = erasuresAudited();

        HttpResponse<String> erased = erase();

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(503);
        assertThat(erased.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(erased.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(erased.body())
                .contains("\"title\":\"Strata's work met other work on the same data\"")
                .contains("to break a deadlock")
                .contains("nothing of it was kept")
                .contains("Send the request again")
                .doesNotContain("reference")
                .doesNotContainIgnoringCase("PSQL")
                .doesNotContain("40P01");
        assertThat(jdbc.sql("select last_value from erasure_attempts").query(Long.class).single()).as("attempts").isEqualTo(3);
        // the second attempt waits at least 100 ms after the first was ended, the third at least 200 ms
        assertThat(attemptAt(2) - attemptAt(1)).as("ms between the first two attempts").isGreaterThanOrEqualTo(100);
        assertThat(attemptAt(3) - attemptAt(2)).as("ms between the last two attempts").isGreaterThanOrEqualTo(200);
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'LOCKED-IN'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from events where event_id = 'd1'").query(Long.class).single()).isEqualTo(1);
        assertThat(erasuresAudited()).isEqualTo(auditedBefore);

        dropTheDeadlock();
        HttpResponse<String> again = erase();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"events\":1");
        assertThat(erasuresAudited() - auditedBefore).isEqualTo(1);
    }

    private HttpResponse<String> erase() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(uri("/api/v1/customers/LOCKED-IN").toString()))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build());
    }

    private long attemptAt(int attempt) {
        return jdbc.sql("select last_value from erasure_attempt_" + attempt + "_at").query(Long.class).single();
    }

    private long erasuresAudited() {
        return jdbc.sql("select count(*) from audit_events where action = 'ERASED' and subject_id = 'LOCKED-IN'").query(Long.class).single();
    }
}
