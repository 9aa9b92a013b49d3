package io.strata.adapters.persistence.tactical;

import io.strata.application.tactical.ValueCount;
import io.strata.application.tactical.port.out.FieldValues;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.rule.OrderLineField;
import io.strata.domain.rule.ValueSlot;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The builder asks while the planner pauses, so every question is bounded: counts over a table of more than
 * {@link #SAMPLED_ROWS} rows read a block sample of about that many rows (and say they are approximate), and each
 * statement gets {@link #TIME_LIMIT}; a question not answered in time gets no answer rather than a slow page.
 */
@Repository
public class JdbcFieldValues implements FieldValues {

    static final long SAMPLED_ROWS = 100_000;
    static final String TIME_LIMIT = "250ms";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcFieldValues(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Where a slot's values are: the table and the expression (column names come from enums, names are bound). */
    private record Place(String table, String expression, String filter) {
    }

    private static Place place(ValueSlot slot) {
        return switch (slot.kind()) {
            case PROFILE -> new Place("customers", ProfileField.byColumn(slot.field()).orElseThrow().column(), "");
            case ATTRIBUTE -> new Place("customers", "attributes ->> :field", "");
            case ORDER_LINE -> new Place("order_lines", Arrays.stream(OrderLineField.values())
                    .filter(f -> f.fieldName().equals(slot.field())).findFirst().orElseThrow().fieldName(), "");
            case EVENT_PROPERTY -> new Place("events", "properties ->> :field", " and event_type = :type");
            case EVENT_TYPE -> new Place("events", "event_type", "");
        };
    }

    @Override
    public Counted mostFrequent(ValueSlot slot, int limit) {
        Place place = place(slot);
        try {
            return transactions.execute(status -> {
                limitTime();
                double estimated = jdbc.sql("select reltuples from pg_class where oid = cast(:table as regclass)")
                        .param("table", place.table()).query(Double.class).single();
                boolean sampled = estimated > SAMPLED_ROWS;
                double percent = sampled ? Math.max(0.01, 100.0 * SAMPLED_ROWS / estimated) : 100;
                String from = place.table() + (sampled ? String.format(Locale.ROOT, " tablesample system (%.4f)", percent) : "");
                var statement = jdbc.sql("select v, count(*) from (select " + place.expression() + " as v from " + from
                                + " where " + place.expression() + " <> ''" + place.filter() + ") t"
                                + " where lower(v) like :prefix escape '\\' group by v order by count(*) desc, v limit :limit")
                        .param("prefix", like(slot.prefix().toLowerCase(Locale.ROOT)) + "%").param("limit", limit);
                statement = bind(statement, place, slot);
                double scale = 100.0 / percent;
                List<ValueCount> values = statement.query((rs, n) -> new ValueCount(rs.getString(1), Math.round(rs.getLong(2) * scale))).list();
                return new Counted(values, sampled);
            });
        } catch (DataAccessException tooSlow) {
            return new Counted(List.of(), false);
        }
    }

    @Override
    public Optional<Boolean> occurs(ValueSlot slot) {
        Place place = place(slot);
        try {
            return Optional.ofNullable(transactions.execute(status -> {
                limitTime();
                var statement = jdbc.sql("select exists (select 1 from " + place.table() + " where " + place.expression() + " = :value"
                        + place.filter() + ")").param("value", slot.prefix());
                return bind(statement, place, slot).query(Boolean.class).single();
            }));
        } catch (DataAccessException tooSlow) {
            return Optional.empty();
        }
    }

    private void limitTime() {
        jdbc.sql("select set_config('statement_timeout', :limit, true)").param("limit", TIME_LIMIT).query(String.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Place place, ValueSlot slot) {
        if (place.expression().contains(":field")) {
            statement = statement.param("field", slot.field());
        }
        if (!place.filter().isEmpty()) {
            statement = statement.param("type", slot.eventType());
        }
        return statement;
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
