package io.strata.domain.rule;

import java.math.BigDecimal;
import java.util.Objects;

/** A literal on the right of a comparison. Dates are written as text ("1990-01-01") or as {@code N days ago}. */
public sealed interface Value permits Value.Text, Value.Decimal, Value.Bool, Value.DaysAgo {

    /** One method per kind of literal, so a new kind does not compile until every walk handles it. */
    interface Visitor<R> {
        R text(Text text);

        R decimal(Decimal decimal);

        R bool(Bool bool);

        R daysAgo(DaysAgo daysAgo);
    }

    <R> R accept(Visitor<R> visitor);

    /** Whether this is a number: event properties compare as numbers only with one. */
    default boolean isNumber() {
        return accept(new Visitor<>() {
            @Override
            public Boolean text(Text text) {
                return false;
            }

            @Override
            public Boolean decimal(Decimal decimal) {
                return true;
            }

            @Override
            public Boolean bool(Bool bool) {
                return false;
            }

            @Override
            public Boolean daysAgo(DaysAgo daysAgo) {
                return false;
            }
        });
    }

    /** The number, when this is one. */
    default java.util.Optional<java.math.BigDecimal> asNumber() {
        return accept(new Visitor<>() {
            @Override
            public java.util.Optional<java.math.BigDecimal> text(Text text) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<java.math.BigDecimal> decimal(Decimal decimal) {
                return java.util.Optional.of(decimal.number());
            }

            @Override
            public java.util.Optional<java.math.BigDecimal> bool(Bool bool) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<java.math.BigDecimal> daysAgo(DaysAgo daysAgo) {
                return java.util.Optional.empty();
            }
        });
    }

    /** The text, when this is double-quoted text. */
    default java.util.Optional<String> asText() {
        return accept(new Visitor<>() {
            @Override
            public java.util.Optional<String> text(Text text) {
                return java.util.Optional.of(text.text());
            }

            @Override
            public java.util.Optional<String> decimal(Decimal decimal) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> bool(Bool bool) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> daysAgo(DaysAgo daysAgo) {
                return java.util.Optional.empty();
            }
        });
    }

    /** Whether this is double-quoted text. */
    default boolean isText() {
        return accept(new Visitor<>() {
            @Override
            public Boolean text(Text text) {
                return true;
            }

            @Override
            public Boolean decimal(Decimal decimal) {
                return false;
            }

            @Override
            public Boolean bool(Bool bool) {
                return false;
            }

            @Override
            public Boolean daysAgo(DaysAgo daysAgo) {
                return false;
            }
        });
    }

    /**
     * A double-quoted string; compared with TEXT fields, or read as a date for DATE fields. It holds no control
     * character but tab and line breaks: imported text holds no others, and PostgreSQL cannot take a NUL.
     */
    record Text(String text) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    throw new IllegalArgumentException("a text value may not hold the control character " + String.format("U+%04X", (int) c));
                }
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.text(this);
        }
    }

    /** A decimal number, kept exactly; a negative scale is normalised so that the printed form reads back equal. */
    record Decimal(BigDecimal number) implements Value {
        public Decimal {
            Objects.requireNonNull(number, "number");
            if (number.scale() < 0) {
                number = number.setScale(0);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.decimal(this);
        }

        public static Decimal of(String text) {
            return new Decimal(new BigDecimal(text));
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bool(this);
        }
    }

    /** {@code N days ago}: the as-of date minus N days. */
    record DaysAgo(int days) implements Value {
        public DaysAgo {
            if (days < 0 || days > Rule.MAX_DAYS) {
                throw new IllegalArgumentException("days ago must be 0 to " + Rule.MAX_DAYS);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.daysAgo(this);
        }
    }
}
