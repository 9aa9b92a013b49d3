package io.strata.domain.rule;

/** The operators that compare one operand with one value. */
public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    BEFORE("before"),
    AFTER("after"),
    CONTAINS("contains"),
    STARTS_WITH("starts_with");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code <, <=, >, >=, before, after}: they need an order, so they apply to numbers and dates only. */
    public boolean orders() {
        return this != EQUALS && this != NOT_EQUALS && !matchesText();
    }

    /** {@code contains, starts_with}: they read text. */
    public boolean matchesText() {
        return this == CONTAINS || this == STARTS_WITH;
    }

    /** {@code before, after}: the date forms of {@code <} and {@code >}. */
    public boolean isDateOnly() {
        return this == BEFORE || this == AFTER;
    }
}
