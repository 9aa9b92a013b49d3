package io.strata.adapters.persistence.audit;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots are stored as JSON text that PostgreSQL reads back value for value, however hostile the text in them. */
class JdbcAuditTrailTest {

    /** A quote, a backslash, a line break, a tab, a control character, non-ASCII letters and a character outside the BMP. */
    private static final String HOSTILE = "say \"hi\" \\ back\nslash\ttab\u0001 Zürich ☃ 😀 </script>";

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final JdbcAuditTrail trail = new JdbcAuditTrail(jdbc);

    @Test
    void aSnapshotIsStoredAsAFlatJsonObjectInItsOrderWithHostileTextEscaped() {
        String subject = unique();
        trail.record(AuditEntry.of("admin", AuditAction.CHANGED, "tactical_segment", subject)
                .withBefore(AuditSnapshot.of("name", HOSTILE, "count", 3, "share", new BigDecimal("0.25"), "enabled", false, "none", null))
                .withAfter(AuditSnapshot.of("name", "plain")));

        Map<String, Object> row = jdbc.sql("select before, after from audit_events where subject_id = ?").param(subject).query().singleRow();
        assertThat(row.get("before")).isEqualTo("{\"name\":\"say \\\"hi\\\" \\\\ back\\nslash\\ttab\\u0001 Zürich ☃ 😀 </script>\","
                + "\"count\":3,\"share\":0.25,\"enabled\":false,\"none\":null}");
        assertThat(row.get("after")).isEqualTo("{\"name\":\"plain\"}");
        assertThat(jdbc.sql("select before::jsonb ->> 'name' from audit_events where subject_id = ?").param(subject).query(String.class).single())
                .isEqualTo(HOSTILE);
        assertThat(jdbc.sql("select jsonb_typeof(before::jsonb -> 'count') || ',' || jsonb_typeof(before::jsonb -> 'enabled') || ','"
                        + " || jsonb_typeof(before::jsonb -> 'none') from audit_events where subject_id = ?")
                .param(subject).query(String.class).single()).isEqualTo("number,boolean,null");
    }

    @Test
    void anEntryRecordedOnAnImportsConnectionStoresTheSameJson() throws Exception {
        String subject = unique();
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            JdbcAuditTrail.record(connection, AuditEntry.of("importer", AuditAction.IMPORTED, "import", subject)
                    .withAfter(AuditSnapshot.of("entity", "customers", "rowsReceived", 2L, "note", "a\r\nb")));
        }

        assertThat(jdbc.sql("select after from audit_events where subject_id = ?").param(subject).query(String.class).single())
                .isEqualTo("{\"entity\":\"customers\",\"rowsReceived\":2,\"note\":\"a\\r\\nb\"}");
    }

    @Test
    void anEntryWithoutSnapshotsStoresNoneAndIsFoundAsStored() {
        String subject = unique();
        trail.record(AuditEntry.of("admin", AuditAction.REVOKED, "api_token", subject).withDetail("revoked"));
        trail.record(AuditEntry.of("admin", AuditAction.CREATED, "api_token", subject).withAfter(AuditSnapshot.of("name", HOSTILE)));

        List<AuditEvent> found = trail.find(new AuditQuery(null, null, "api_token", subject, null, null, 0, 10)).events();

        assertThat(found).extracting(AuditEvent::action).containsExactly(AuditAction.CREATED, AuditAction.REVOKED);
        assertThat(found.get(0).after()).isEqualTo("{\"name\":\"say \\\"hi\\\" \\\\ back\\nslash\\ttab\\u0001 Zürich ☃ 😀 </script>\"}");
        assertThat(found.get(1).before()).isNull();
        assertThat(found.get(1).after()).isNull();
        assertThat(found.get(1).detail()).isEqualTo("revoked");
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
