package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.FieldType;
import io.strata.domain.ordering.OrderLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference evaluator of a checked rule for one customer. A comparison with a missing value is false;
 * {@code not} is plain negation. The SQL engine must give the same answer for every rule and customer.
 */
final class RuleEvaluation {

    /** Averages are rounded half-up to 4 places, like the metrics' average order value. */
    static final int AVERAGE_SCALE = 4;

    private final FieldCatalogue catalogue;
    private final RuleSubject subject;

    RuleEvaluation(FieldCatalogue catalogue, RuleSubject subject) {
        this.catalogue = catalogue;
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    boolean holds(Condition condition) {
        return holds(condition, null);
    }

    /** {@code item} is null at customer level, else the order line or event an aggregate's where looks at. */
    private boolean holds(Condition condition, Object item) {
        return condition.accept(new Holds(item));
    }

    private final class Holds implements Condition.Visitor<Boolean> {

        private final Object item;

        private Holds(Object item) {
            this.item = item;
        }

        @Override
        public Boolean allOf(Condition.AllOf all) {
            return all.parts().stream().allMatch(part -> holds(part, item));
        }

        @Override
        public Boolean anyOf(Condition.AnyOf any) {
            return any.parts().stream().anyMatch(part -> holds(part, item));
        }

        @Override
        public Boolean not(Condition.Not not) {
            return !holds(not.negated(), item);
        }

        @Override
        public Boolean presence(Condition.Presence presence) {
            return (read(presence.operand(), item, null) != null) == presence.present();
        }

        @Override
        public Boolean comparison(Condition.Comparison comparison) {
            FieldType type = typeOf(comparison.operand(), comparison.value(), item);
            Object value = read(comparison.operand(), item, type);
            return value != null && compare(value, comparison.operator(), literal(comparison.value(), type, comparison.operand(), item));
        }

        @Override
        public Boolean between(Condition.Between between) {
            FieldType type = typeOf(between.operand(), between.low(), item);
            Object value = read(between.operand(), item, type);
            return value != null && order(value, literal(between.low(), type, between.operand(), item)) >= 0
                    && order(value, literal(between.high(), type, between.operand(), item)) <= 0;
        }

        @Override
        public Boolean inList(Condition.InList in) {
            FieldType type = typeOf(in.operand(), in.values().get(0), item);
            Object value = read(in.operand(), item, type);
            if (value == null) {
                return false;
            }
            boolean listed = in.values().stream().anyMatch(v -> order(value, literal(v, type, in.operand(), item)) == 0);
            return listed != in.negated();
        }
    }

    private static boolean compare(Object value, Operator operator, Object literal) {
        return switch (operator) {
            case EQUALS -> order(value, literal) == 0;
            case NOT_EQUALS -> order(value, literal) != 0;
            case LESS, BEFORE -> order(value, literal) < 0;
            case LESS_OR_EQUAL -> order(value, literal) <= 0;
            case GREATER, AFTER -> order(value, literal) > 0;
            case GREATER_OR_EQUAL -> order(value, literal) >= 0;
            case CONTAINS -> ((String) value).contains((String) literal);
            case STARTS_WITH -> ((String) value).startsWith((String) literal);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int order(Object value, Object literal) {
        return ((Comparable) value).compareTo(literal);
    }

    /** The type a predicate compares in: the field's, except that event properties compare as numbers with numbers. */
    private FieldType typeOf(Operand operand, Value value, Object item) {
        return operand.match(field -> field(field, item).comparedAs(value), aggregate -> FieldType.NUMBER);
    }

    /** A literal as the operand compares with it: predictions are doubles, so a number becomes the nearest double. */
    private Object literal(Value value, FieldType type, Operand operand, Object item) {
        boolean predicted = operand.match(field -> field(field, item).isPrediction(), aggregate -> false);
        return predicted ? value.asNumber().<Object>map(PredictedField::asDouble).orElseGet(() -> literal(value, type)) : literal(value, type);
    }

    private Object literal(Value value, FieldType type) {
        return value.accept(new Value.Visitor<>() {
            @Override
            public Object text(Value.Text text) {
                return type == FieldType.DATE ? AttributeValues.date(text.text()) : text.text();
            }

            @Override
            public Object decimal(Value.Decimal decimal) {
                return decimal.number();
            }

            @Override
            public Object bool(Value.Bool bool) {
                return bool.value();
            }

            @Override
            public Object daysAgo(Value.DaysAgo daysAgo) {
                return subject.asOf().minusDays(daysAgo.days());
            }
        });
    }

    /** The operand's value as String, BigDecimal, LocalDate or Boolean; {@code null} when missing. */
    private Object read(Operand operand, Object item, FieldType type) {
        return operand.match(field -> read(field(field, item), item, type), this::aggregate);
    }

    private Object read(RuleField field, Object item, FieldType type) {
        Customer customer = subject.history().customer();
        return field.accept(new RuleField.Visitor<>() {
            @Override
            public Object profileAttribute(RuleField.ProfileAttribute profile) {
                return customer.profileValue(profile.field()).map(text -> profileValue(text, profile.type())).orElse(null);
            }

            @Override
            public Object customAttribute(RuleField.CustomAttribute custom) {
                return AttributeValues.read(customer.attribute(custom.name()).orElse(null), custom.type());
            }

            @Override
            public Object customerId(RuleField.CustomerIdField customerId) {
                return customer.id().value();
            }

            @Override
            public Object eventProperty(RuleField.EventProperty property) {
                String text = ((Event) item).properties().get(property.fieldName());
                return AttributeValues.read(text, type == null ? FieldType.TEXT : type);
            }

            @Override
            public Object purchaseMetric(PurchaseMetric metric) {
                return metric.valueIn(subject.metrics());
            }

            @Override
            public Object rfmScore(RfmScore score) {
                Integer value = subject.score(score);
                return value == null ? null : BigDecimal.valueOf(value);
            }

            @Override
            public Object orderLineField(OrderLineField line) {
                return line.valueIn((OrderLine) item);
            }

            @Override
            public Object predicted(PredictedField predicted) {
                return predicted.valueIn(subject.prediction());
            }
        });
    }

    /** Profile values are stored canonical, so they always read. */
    private static Object profileValue(String text, FieldType type) {
        return type == FieldType.DATE ? LocalDate.parse(text) : AttributeValues.read(text, type);
    }

    private RuleField field(Operand.Field field, Object item) {
        if (item == null) {
            return catalogue.customerField(field.name()).orElseThrow(() -> unchecked(field.name()));
        }
        Source scope = item instanceof OrderLine ? Source.ORDERS : new Source.Events(((Event) item).type());
        return catalogue.sourceField(scope, field.name()).orElseThrow(() -> unchecked(field.name()));
    }

    private static IllegalStateException unchecked(String name) {
        return new IllegalStateException("field '" + name + "' was not checked against this catalogue");
    }

    private BigDecimal aggregate(Operand.Aggregate aggregate) {
        Instant end = subject.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = aggregate.withinDays().isPresent()
                ? subject.asOf().minusDays(aggregate.withinDays().getAsInt()).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.MIN;
        List<?> items = selected(aggregate, start, end);
        if (aggregate.function() == AggregateFunction.COUNT) {
            long count = aggregate.source().match(
                    orders -> items.stream().map(line -> ((OrderLine) line).orderId()).distinct().count(),
                    events -> (long) items.size());
            return BigDecimal.valueOf(count);
        }
        FieldType type = aggregate.function() == AggregateFunction.DISTINCT ? null : FieldType.NUMBER;
        Operand.Field field = new Operand.Field(aggregate.field().orElseThrow());
        List<Object> values = items.stream().map(item -> read(field, item, type)).filter(Objects::nonNull)
                .collect(Collectors.toList());
        switch (aggregate.function()) {
            case DISTINCT:
                Set<Object> distinct = new HashSet<>();
                values.forEach(v -> distinct.add(v instanceof BigDecimal n ? n.stripTrailingZeros() : v));
                return BigDecimal.valueOf(distinct.size());
            case SUM:
                return values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add);
            default:
                if (values.isEmpty()) {
                    return null;
                }
                BigDecimal sum = values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add);
                return sum.divide(BigDecimal.valueOf(values.size()), AVERAGE_SCALE, RoundingMode.HALF_UP);
        }
    }

    /** The order lines or events inside [start, end) that meet the aggregate's where. */
    private List<?> selected(Operand.Aggregate aggregate, Instant start, Instant end) {
        List<?> candidates = aggregate.source().<List<?>>match(
                orders -> subject.history().orderLines().stream()
                        .filter(line -> inWindow(line.orderedAt(), start, end))
                        .collect(Collectors.toList()),
                events -> subject.history().events().stream()
                        .filter(e -> e.type().equals(events.type()) && inWindow(e.occurredAt(), start, end))
                        .collect(Collectors.toList()));
        return aggregate.filter()
                .<List<?>>map(filter -> candidates.stream().filter(item -> holds(filter, item)).collect(Collectors.toList()))
                .orElse(candidates);
    }

    private static boolean inWindow(Instant at, Instant start, Instant end) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
