package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.JsonColumns;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.EventRow;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Events: appended, deduplicated by event_id or, without one, by a digest of the whole event, so the same file
 * sent twice adds nothing. A re-sent event_id replaces the earlier event.
 */
final class EventBatch extends StagedBatch<EventRow> {

    EventBatch(DataSource dataSource, DatabaseSettings.Tuning tuning) {
        super(dataSource, tuning,
                "create temp table stage_events (line bigint, event_id text, customer_id text, event_type text, "
                        + "occurred_at timestamptz, properties jsonb) on commit drop",
                "copy stage_events (line, event_id, customer_id, event_type, occurred_at, properties) from stdin");
    }

    @Override
    protected void stage(CopyStream copy, EventRow row) {
        copy.field(row.line()).field(row.eventId()).field(row.customerId()).field(row.eventType()).field(row.occurredAt())
                .field(JsonColumns.object(row.properties()));
    }

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        long createdCustomers = update("insert into customers (customer_id) select distinct customer_id from stage_events order by 1 on conflict (customer_id) do nothing");
        update("create temp table src_events on commit drop as "
                + "select distinct on (dedupe_key) * from (select s.*, coalesce('id:' || s.event_id, 'md5:' || md5(s.customer_id || chr(31) "
                + "|| s.event_type || chr(31) || s.occurred_at::text || chr(31) || s.properties::text)) as dedupe_key from stage_events s) d "
                + "order by dedupe_key, line desc");
        long updated = count("select count(*) from src_events s join events e using (dedupe_key)");
        long written = update("insert into events (dedupe_key, event_id, customer_key, event_type, occurred_at, properties) "
                + "select s.dedupe_key, s.event_id, c.customer_key, s.event_type, s.occurred_at, s.properties "
                + "from src_events s join customers c using (customer_id) order by s.dedupe_key "
                + "on conflict (dedupe_key) do update set customer_key = excluded.customer_key, event_type = excluded.event_type, "
                + "occurred_at = excluded.occurred_at, properties = excluded.properties");
        update("insert into event_property_catalogue (event_type, property) "
                + "select distinct s.event_type, coalesce(p.key, '') from src_events s left join lateral jsonb_object_keys(s.properties) p(key) on true "
                + "on conflict (event_type, property) do update set last_seen = now()");
        long total = count("select count(*) from src_events");
        TableStatistics.refresh(connection, "events", written);
        TableStatistics.refresh(connection, "customers", createdCustomers);
        visibilityMaps.wrote("events", written);
        visibilityMaps.wrote("customers", createdCustomers);
        return new MergeOutcome(stagedRows(), total - updated, updated);
    }
}
