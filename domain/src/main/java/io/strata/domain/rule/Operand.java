package io.strata.domain.rule;

import io.strata.domain.text.PlainText;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** The left side of a condition: a named field, or an aggregate over orders or events. */
public sealed interface Operand permits Operand.Field, Operand.Aggregate {

    /** One function per kind of operand, so a new kind does not compile until every walk handles it. */
    <R> R match(Function<? super Field, ? extends R> field, Function<? super Aggregate, ? extends R> aggregate);

    /**
     * A field by name: a profile field, custom attribute, metric, score or {@code customer_id}; inside an
     * aggregate's {@code where}, an order line field or an event property.
     */
    record Field(String name) implements Operand {
        public Field {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("field name must have 1 to " + Rule.MAX_NAME_LENGTH
                        + " characters, without '`' or control characters");
            }
        }

        @Override
        public <R> R match(Function<? super Field, ? extends R> field, Function<? super Aggregate, ? extends R> aggregate) {
            return field.apply(this);
        }

        public static boolean isValidName(String name) {
            if (name == null || name.isEmpty() || PlainText.longerThan(name, Rule.MAX_NAME_LENGTH)) {
                return false;
            }
            return name.chars().noneMatch(c -> c == '`' || c < 0x20 || c == 0x7f);
        }
    }

    /**
     * {@code count(orders where … within N days)}, {@code sum(orders.amount …)}, {@code distinct(events "session".ip …)}.
     * The filter names fields of the source (line fields or event properties) and holds no aggregate itself.
     */
    record Aggregate(AggregateFunction function, Source source, Optional<String> field, Optional<Condition> filter,
                     OptionalInt withinDays) implements Operand {
        public Aggregate {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(withinDays, "withinDays");
            if (function.needsField() != field.isPresent()) {
                throw new IllegalArgumentException(function.needsField()
                        ? function.keyword() + " needs a field, e.g. " + function.keyword() + "(orders.amount)"
                        : "count counts orders or events and takes no field");
            }
            field.ifPresent(name -> new Field(name));
            filter.ifPresent(condition -> {
                if (Conditions.hasAggregate(condition)) {
                    throw new IllegalArgumentException("an aggregate's where cannot hold another aggregate");
                }
            });
            if (withinDays.isPresent() && (withinDays.getAsInt() < 0 || withinDays.getAsInt() > Rule.MAX_DAYS)) {
                throw new IllegalArgumentException("within takes 0 to " + Rule.MAX_DAYS + " days");
            }
        }

        @Override
        public <R> R match(Function<? super Field, ? extends R> field, Function<? super Aggregate, ? extends R> aggregate) {
            return aggregate.apply(this);
        }

        public static Aggregate count(Source source, Condition filter, Integer withinDays) {
            return new Aggregate(AggregateFunction.COUNT, source, Optional.empty(), Optional.ofNullable(filter),
                    withinDays == null ? OptionalInt.empty() : OptionalInt.of(withinDays));
        }

        public static Aggregate of(AggregateFunction function, Source source, String field, Condition filter,
                                   Integer withinDays) {
            return new Aggregate(function, source, Optional.ofNullable(field), Optional.ofNullable(filter),
                    withinDays == null ? OptionalInt.empty() : OptionalInt.of(withinDays));
        }
    }
}
