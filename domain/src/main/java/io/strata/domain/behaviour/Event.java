package io.strata.domain.behaviour;

import io.strata.domain.customer.CustomerId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Something a customer did: an email open, a session, a payment. Properties are flat text values. */
public record Event(String eventId, CustomerId customerId, String type, Instant occurredAt, Map<String, String> properties) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.]+");

    public Event {
        Objects.requireNonNull(customerId, "customer_id");
        Objects.requireNonNull(type, "event_type");
        Objects.requireNonNull(occurredAt, "occurred_at");
        if (!isValidType(type)) {
            throw new IllegalArgumentException("event_type '" + type + "' must be lower-case letters, digits, '_' or '.'");
        }
        properties = Map.copyOf(new TreeMap<>(properties == null ? Map.of() : properties));
    }

    public static boolean isValidType(String type) {
        return type != null && type.length() <= 64 && TYPE.matcher(type).matches();
    }
}
