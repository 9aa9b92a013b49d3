package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.ProfileField;

import java.util.Objects;

/** What a field name in a rule stands for, once the {@link FieldCatalogue} has resolved it. */
public sealed interface RuleField permits RuleField.ProfileAttribute, RuleField.CustomAttribute, RuleField.CustomerIdField,
        RuleField.EventProperty, PurchaseMetric, RfmScore, OrderLineField, PredictedField {

    /** The name a rule uses for this field. */
    String fieldName();

    FieldType type();

    /** One method per kind of field, so a new kind does not compile until every reader of fields handles it. */
    interface Visitor<R> {
        R profileAttribute(ProfileAttribute profile);

        R customAttribute(CustomAttribute custom);

        R customerId(CustomerIdField customerId);

        R eventProperty(EventProperty property);

        R purchaseMetric(PurchaseMetric metric);

        R rfmScore(RfmScore score);

        R orderLineField(OrderLineField line);

        R predicted(PredictedField field);
    }

    <R> R accept(Visitor<R> visitor);

    /** Whether this is one of the run's predictions, compared as a double (a visitor: a new kind of field must say). */
    default boolean isPrediction() {
        return accept(new Visitor<>() {
            @Override
            public Boolean profileAttribute(ProfileAttribute profile) {
                return false;
            }

            @Override
            public Boolean customAttribute(CustomAttribute custom) {
                return false;
            }

            @Override
            public Boolean customerId(CustomerIdField customerId) {
                return false;
            }

            @Override
            public Boolean eventProperty(EventProperty property) {
                return false;
            }

            @Override
            public Boolean purchaseMetric(PurchaseMetric metric) {
                return false;
            }

            @Override
            public Boolean rfmScore(RfmScore score) {
                return false;
            }

            @Override
            public Boolean orderLineField(OrderLineField line) {
                return false;
            }

            @Override
            public Boolean predicted(PredictedField field) {
                return true;
            }
        });
    }

    /**
     * The type a predicate on this field compares in: the field's own, except that an event property (text)
     * compares as a number with a number.
     */
    default FieldType comparedAs(Value value) {
        return type();
    }

    /** One of the contract's profile columns; its stored text is already canonical. */
    record ProfileAttribute(ProfileField field) implements RuleField {
        public ProfileAttribute {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public String fieldName() {
            return field.column();
        }

        @Override
        public FieldType type() {
            return field.type();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.profileAttribute(this);
        }
    }

    /** A custom attribute: stored as text, read as its catalogued type; text that does not fit counts as missing. */
    record CustomAttribute(String name, FieldType type) implements RuleField {
        public CustomAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String fieldName() {
            return name;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.customAttribute(this);
        }
    }

    record CustomerIdField() implements RuleField {
        @Override
        public String fieldName() {
            return "customer_id";
        }

        @Override
        public FieldType type() {
            return FieldType.TEXT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.customerId(this);
        }
    }

    /** An event property: text, which a comparison with a number reads as a number (or as missing). */
    record EventProperty(String name) implements RuleField {
        public EventProperty {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String fieldName() {
            return name;
        }

        @Override
        public FieldType type() {
            return FieldType.TEXT;
        }

        @Override
        public FieldType comparedAs(Value value) {
            return value.isNumber() ? FieldType.NUMBER : FieldType.TEXT;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.eventProperty(this);
        }
    }
}
