package io.strata.application.imports;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.CustomerId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** customer_id, event_type and occurred_at are required; every other column is a property of the event. */
final class EventRowReader implements RowReader<EventRow> {

    static final List<String> REQUIRED = List.of("customer_id", "event_type", "occurred_at");
    private static final Set<String> KNOWN = Set.of("customer_id", "event_type", "occurred_at", "event_id");
    static final int MAX_PROPERTY_LENGTH = 2000;

    private final AcceptedDates dates;

    EventRowReader(Optional<SourceHeader> fixedHeader, AcceptedDates dates) {
        this.dates = dates;
        fixedHeader.ifPresent(header -> Headers.require(header, REQUIRED, "an events file"));
    }

    @Override
    public Result<EventRow> read(SourceRow row) {
        List<RowError> errors = new ArrayList<>(0);
        Cells cells = new Cells(row, errors, dates);
        String customerId = cells.required("customer_id", CustomerId.MAX_LENGTH);
        String type = cells.required("event_type", 64);
        if (type != null && !Event.isValidType(type)) {
            errors.add(new RowError(row.line(), "event_type", type,
                    "event_type '" + type + "' must be lower-case letters, digits, '_' or '.' (e.g. email_open)"));
        }
        Instant occurredAt = cells.requiredInstant("occurred_at");
        String eventId = cells.optional("event_id", 128);
        Map<String, String> properties = new TreeMap<>();
        List<String> columns = row.header().columns();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (KNOWN.contains(column)) {
                continue;
            }
            String value = row.get(column);
            if (value == null || value.isEmpty()) {
                continue;
            }
            int characters = CustomerId.characters(value);
            if (characters > MAX_PROPERTY_LENGTH) {
                errors.add(new RowError(row.line(), column, value,
                        "property " + column + " has " + characters + " characters; at most " + MAX_PROPERTY_LENGTH + " are allowed"));
            }
            properties.put(column, value);
        }
        if (!errors.isEmpty()) {
            return Result.invalid(errors);
        }
        return Result.valid(new EventRow(row.line(), eventId, customerId, type, occurredAt, properties));
    }
}
