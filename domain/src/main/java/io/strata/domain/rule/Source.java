package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;

/** What an aggregate reads: the customer's order lines, or their events of one type. */
public sealed interface Source permits Source.Orders, Source.Events {

    Orders ORDERS = new Orders();

    record Orders() implements Source {
    }

    record Events(String type) implements Source {
        public Events {
            if (!Event.isValidType(type)) {
                throw new IllegalArgumentException("event type '" + type + "' must be lower-case letters, digits, '_' or '.'");
            }
        }
    }
}
