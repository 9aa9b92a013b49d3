package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;

import java.util.function.Function;

/** What an aggregate reads: the customer's order lines, or their events of one type. */
public sealed interface Source permits Source.Orders, Source.Events {

    Orders ORDERS = new Orders();

    /** One function per kind of source, so a new kind does not compile until every walk handles it. */
    <R> R match(Function<? super Orders, ? extends R> orders, Function<? super Events, ? extends R> events);

    record Orders() implements Source {
        @Override
        public <R> R match(Function<? super Orders, ? extends R> orders, Function<? super Events, ? extends R> events) {
            return orders.apply(this);
        }
    }

    record Events(String type) implements Source {
        public Events {
            if (!Event.isValidType(type)) {
                throw new IllegalArgumentException("event type '" + type + "' must be lower-case letters, digits, '_' or '.'");
            }
        }

        @Override
        public <R> R match(Function<? super Orders, ? extends R> orders, Function<? super Events, ? extends R> events) {
            return events.apply(this);
        }
    }
}
