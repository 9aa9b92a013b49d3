package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;

import java.util.Objects;

/**
 * A place in a rule where a text value goes, and the field it is compared with: the planner is offered that field's
 * most frequent values there, and warned when a value typed there never occurs.
 *
 * @param kind      where the field's values live
 * @param field     the profile column, custom attribute, order line field or event property ({@code event_type} for types)
 * @param eventType the event type whose property it is, else {@code null}
 * @param prefix    what is typed of the value so far (unescaped)
 */
public record ValueSlot(Kind kind, String field, String eventType, String prefix) {

    public enum Kind { PROFILE, ATTRIBUTE, ORDER_LINE, EVENT_PROPERTY, EVENT_TYPE }

    public ValueSlot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(prefix, "prefix");
        if (kind == Kind.EVENT_PROPERTY && eventType == null) {
            throw new IllegalArgumentException("an event property belongs to an event type");
        }
    }

    /** The text that completes the value from the prefix on, as the rule must spell it (escaped, closing quote unless a type). */
    public String completion(String value) {
        String quoted = RulePrinter.quoted(value);
        String inner = quoted.substring(1, quoted.length() - 1);
        return kind == Kind.EVENT_TYPE ? inner : inner + "\"";
    }

    /** The same slot with another value, for checking a value written in a rule. */
    public ValueSlot with(String value) {
        return new ValueSlot(kind, field, eventType, value);
    }

    /** The slot of a text comparison with the named field in its place, if it has text values worth suggesting. */
    static java.util.Optional<ValueSlot> of(FieldCatalogue catalogue, String name, Source scope, String prefix) {
        if (scope == null) {
            return catalogue.customerField(name).flatMap(field -> textSlot(field, prefix));
        }
        return scope.match(orders -> catalogue.sourceField(scope, name).flatMap(field -> textSlot(field, prefix)),
                events -> java.util.Optional.of(new ValueSlot(Kind.EVENT_PROPERTY, name, events.type(), prefix)));
    }

    /** The slot of a text field whose stored values are worth suggesting: profile and custom attributes, order lines. */
    private static java.util.Optional<ValueSlot> textSlot(RuleField field, String prefix) {
        if (field.type() != FieldType.TEXT) {
            return java.util.Optional.empty();
        }
        return field.accept(new RuleField.Visitor<java.util.Optional<ValueSlot>>() {
            @Override
            public java.util.Optional<ValueSlot> profileAttribute(RuleField.ProfileAttribute profile) {
                return java.util.Optional.of(new ValueSlot(Kind.PROFILE, profile.field().column(), null, prefix));
            }

            @Override
            public java.util.Optional<ValueSlot> customAttribute(RuleField.CustomAttribute custom) {
                return java.util.Optional.of(new ValueSlot(Kind.ATTRIBUTE, custom.name(), null, prefix));
            }

            @Override
            public java.util.Optional<ValueSlot> customerId(RuleField.CustomerIdField customerId) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<ValueSlot> eventProperty(RuleField.EventProperty property) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<ValueSlot> purchaseMetric(PurchaseMetric metric) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<ValueSlot> rfmScore(RfmScore score) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<ValueSlot> orderLineField(OrderLineField line) {
                return java.util.Optional.of(new ValueSlot(Kind.ORDER_LINE, line.fieldName(), null, prefix));
            }

            @Override
            public java.util.Optional<ValueSlot> predicted(PredictedField predicted) {
                return java.util.Optional.empty();
            }
        });
    }
}
