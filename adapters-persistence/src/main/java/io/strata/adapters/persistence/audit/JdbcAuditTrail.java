package io.strata.adapters.persistence.audit;

import io.strata.adapters.persistence.database.JsonColumns;
import io.strata.adapters.persistence.segmentation.DefinitionJson;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditEvent;
import io.strata.application.audit.AuditPage;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditSlice;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trail in {@code audit_events}: insert and select only; a trigger refuses updates and deletes. Snapshots are
 * stored as JSON text written by Jackson ({@link JsonColumns}).
 */
@Repository
public class JdbcAuditTrail implements AuditTrail {

    private static final RowMapper<AuditEvent> EVENT = (rs, n) -> new AuditEvent(rs.getLong("id"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
            AuditAction.valueOf(rs.getString("action")), rs.getString("subject_type"), rs.getString("subject_id"),
            rs.getString("before"), rs.getString("after"), rs.getString("detail"));

    private static final String INSERT = "insert into audit_events (actor, action, subject_type, subject_id, before, after, detail)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;

    public JdbcAuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        jdbc.sql(INSERT)
                .params(entry.actor(), entry.action().name(), entry.subjectType(), entry.subjectId(), json(entry.before()),
                        json(entry.after()), entry.detail())
                .update();
    }

    /** Records on a connection whose transaction Spring does not manage (an import's batch), so the entry commits with it. */
    public static void record(Connection connection, AuditEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, entry.actor());
            insert.setString(2, entry.action().name());
            insert.setString(3, entry.subjectType());
            insert.setString(4, entry.subjectId());
            insert.setString(5, json(entry.before()));
            insert.setString(6, json(entry.after()));
            insert.setString(7, entry.detail());
            insert.executeUpdate();
        }
    }

    /** A snapshot as stored, or null where the entry has none: values as a flat JSON object in their order, a definition as its document. */
    static String json(AuditSnapshot snapshot) {
        return snapshot == null ? null : snapshot.accept(STORED);
    }

    private static final AuditSnapshot.Visitor<String> STORED = new AuditSnapshot.Visitor<>() {
        @Override
        public String visitValues(AuditSnapshot.Values values) {
            return JsonColumns.object(values.values());
        }

        @Override
        public String visitSegmentation(AuditSnapshot.Segmentation segmentation) {
            return DefinitionJson.toDocument(segmentation.definition());
        }
    };

    @Override
    public AuditPage find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where(query, conditions, params);
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        long total = jdbc.sql("select count(*) from audit_events" + where).params(params).query(Long.class).single();
        List<AuditEvent> events = jdbc.sql("select * from audit_events" + where + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(params).param("limit", query.size()).param("offset", query.offset())
                .query(EVENT).list();
        return new AuditPage(events, query.page(), query.size(), total);
    }

    @Override
    public AuditSlice findBefore(AuditQuery query, Long beforeId) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where(query, conditions, params);
        // from the given entry's place in the order, down the index on (occurred_at desc, id desc): no count, no offset
        filter(conditions, params, "before",
                "(occurred_at, id) < (select b.occurred_at, b.id from audit_events b where b.id = :before)", beforeId);
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        List<AuditEvent> events = jdbc.sql("select * from audit_events" + where + " order by occurred_at desc, id desc limit :limit")
                .params(params).param("limit", query.size() + 1).query(EVENT).list();
        boolean more = events.size() > query.size();
        return new AuditSlice(more ? events.subList(0, query.size()) : events, more);
    }

    private static void where(AuditQuery query, List<String> conditions, Map<String, Object> params) {
        filter(conditions, params, "actor", "actor = :actor", query.actor());
        filter(conditions, params, "action", "action = :action", query.action() == null ? null : query.action().name());
        filter(conditions, params, "subjectType", "subject_type = :subjectType", query.subjectType());
        filter(conditions, params, "subjectId", "subject_id = :subjectId", query.subjectId());
        filter(conditions, params, "from", "occurred_at >= :from", utc(query.from()));
        filter(conditions, params, "to", "occurred_at < :to", utc(query.to()));
    }

    private static void filter(List<String> conditions, Map<String, Object> params, String name, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
