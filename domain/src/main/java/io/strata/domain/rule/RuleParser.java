package io.strata.domain.rule;

import io.strata.domain.text.PlainText;

import io.strata.domain.behaviour.Event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recursive descent over the grammar in {@code docs/rule-language.md}: {@code or} binds loosest, then {@code and},
 * then {@code not}. Depth, length and list sizes are bounded, so hostile text ends in a {@link RuleSyntaxError}.
 */
public final class RuleParser {

    private static final String OPERATORS =
            "an operator (=, !=, <, <=, >, >=, in, not in, between, contains, starts_with, before, after, is null)";
    private static final String VALUE = "a value (\"text\", a number, true, false or N days ago)";

    private final List<Token> tokens;
    private final Map<Object, Position> positions = new IdentityHashMap<>();
    private int next;
    private int depth;
    private boolean insideAggregate;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Rule parse(String text) {
        Objects.requireNonNull(text, "rule text");
        if (PlainText.longerThan(text, Rule.MAX_LENGTH)) {
            // characters as people and PostgreSQL count them; the position's offset counts chars, so the first
            // character past the bound is found by code points (session 60: 10,000 emoji were refused as 20,000)
            int past = text.offsetByCodePoints(0, Rule.MAX_LENGTH);
            throw new RuleSyntaxError(Position.in(text, past),
                    new String(Character.toChars(text.codePointAt(past))), "at most " + Rule.MAX_LENGTH + " characters",
                    "a rule has at most " + Rule.MAX_LENGTH + " characters; this one has " + PlainText.characters(text));
        }
        RuleParser parser = new RuleParser(RuleLexer.tokens(text));
        if (parser.peek().kind() == Token.Kind.END) {
            throw parser.error("a condition such as frequency >= 3", "the rule is empty; write a condition such as frequency >= 3");
        }
        Condition condition = parser.anyOf();
        if (parser.peek().kind() != Token.Kind.END) {
            throw parser.expected("'and', 'or' or the end of the rule");
        }
        return new Rule(condition, parser.positions);
    }

    private Condition anyOf() {
        Token start = peek();
        List<Condition> parts = new ArrayList<>(List.of(allOf()));
        while (peek().isKeyword("or")) {
            advance();
            parts.add(allOf());
        }
        return parts.size() == 1 ? parts.get(0) : at(new Condition.AnyOf(parts), start);
    }

    private Condition allOf() {
        Token start = peek();
        List<Condition> parts = new ArrayList<>(List.of(unary()));
        while (peek().isKeyword("and")) {
            advance();
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : at(new Condition.AllOf(parts), start);
    }

    private Condition unary() {
        Token start = peek();
        if (start.isKeyword("not")) {
            advance();
            enter(start);
            // "not (…)" is one level, so that canonical text nests no deeper than what was written
            Condition negated = peek().kind() == Token.Kind.LEFT_PAREN ? parenthesized(advance()) : unary();
            depth--;
            return at(new Condition.Not(negated), start);
        }
        if (start.kind() == Token.Kind.LEFT_PAREN) {
            advance();
            enter(start);
            Condition inner = parenthesized(start);
            depth--;
            return inner;
        }
        return predicate();
    }

    private Condition parenthesized(Token open) {
        Condition inner = anyOf();
        if (peek().kind() != Token.Kind.RIGHT_PAREN) {
            throw expected("')' to close the '(' at " + open.position());
        }
        advance();
        return inner;
    }

    private Condition predicate() {
        Token start = peek();
        Operand operand = operand();
        Token operator = peek();
        Optional<Operator> comparison = comparisonOperator(operator);
        Condition predicate;
        if (comparison.isPresent()) {
            advance();
            predicate = new Condition.Comparison(operand, comparison.get(), value());
        } else if (operator.isKeyword("between")) {
            advance();
            Value low = value();
            if (!peek().isKeyword("and")) {
                throw expected("'and' between the two ends of 'between'");
            }
            advance();
            predicate = new Condition.Between(operand, low, value());
        } else if (operator.isKeyword("in")) {
            advance();
            predicate = new Condition.InList(operand, false, valueList());
        } else if (operator.isKeyword("not")) {
            advance();
            if (!peek().isKeyword("in")) {
                throw expected("'in' after 'not' (write not in (…), or put not before the condition)");
            }
            advance();
            predicate = new Condition.InList(operand, true, valueList());
        } else if (operator.isKeyword("is")) {
            advance();
            boolean present = peek().isKeyword("not");
            if (present) {
                advance();
            }
            if (!peek().isKeyword("null")) {
                throw expected("'null'");
            }
            advance();
            predicate = new Condition.Presence(operand, present);
        } else {
            throw expected(OPERATORS);
        }
        positions.put(predicate, operator.position());
        positions.putIfAbsent(operand, start.position());
        return predicate;
    }

    private static Optional<Operator> comparisonOperator(Token token) {
        switch (token.kind()) {
            case EQUALS: return Optional.of(Operator.EQUALS);
            case NOT_EQUALS: return Optional.of(Operator.NOT_EQUALS);
            case LESS: return Optional.of(Operator.LESS);
            case LESS_OR_EQUAL: return Optional.of(Operator.LESS_OR_EQUAL);
            case GREATER: return Optional.of(Operator.GREATER);
            case GREATER_OR_EQUAL: return Optional.of(Operator.GREATER_OR_EQUAL);
            case NAME:
                for (Operator op : List.of(Operator.BEFORE, Operator.AFTER, Operator.CONTAINS, Operator.STARTS_WITH)) {
                    if (token.isKeyword(op.symbol())) {
                        return Optional.of(op);
                    }
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private Operand operand() {
        Token token = peek();
        if (token.kind() == Token.Kind.NAME && peek(1).kind() == Token.Kind.LEFT_PAREN) {
            Optional<AggregateFunction> function = AggregateFunction.byKeyword(token.text());
            if (function.isPresent()) {
                return aggregate(function.get());
            }
        }
        return at(new Operand.Field(name("a field name, or count(…), sum(…), avg(…), distinct(…)")), token);
    }

    /** A field name: a bare word that is not a keyword, or any name in backticks. */
    private String name(String what) {
        Token token = peek();
        if (token.kind() == Token.Kind.QUOTED_NAME) {
            advance();
            return token.value();
        }
        if (token.kind() != Token.Kind.NAME) {
            throw expected(what);
        }
        if (RulePrinter.RESERVED.contains(token.text().toLowerCase(Locale.ROOT))) {
            throw new RuleSyntaxError(token.position(), token.text(), what, "expected " + what + " but found the keyword "
                    + token.shown() + "; to name a field called " + token.text() + " write `" + token.text() + "`");
        }
        advance();
        return token.text();
    }

    private Operand aggregate(AggregateFunction function) {
        Token start = advance();
        if (insideAggregate) {
            throw new RuleSyntaxError(start.position(), start.text(), "a field of the orders or events",
                    "an aggregate's where names fields of its own orders or events; it cannot hold another aggregate");
        }
        enter(advance());
        Source source = source();
        String field = null;
        if (peek().kind() == Token.Kind.DOT) {
            if (!function.needsField()) {
                throw expected("'where', 'within' or ')' (count counts whole orders or events; "
                        + "to count distinct values write distinct(…." + peek(1).text() + "))");
            }
            advance();
            field = name("a field name after '.'");
        } else if (function.needsField()) {
            throw expected("'.' and a field, e.g. " + function.keyword() + "(orders.amount)");
        }
        Condition filter = null;
        if (peek().isKeyword("where")) {
            advance();
            insideAggregate = true;
            filter = anyOf();
            insideAggregate = false;
        }
        Integer within = null;
        if (peek().isKeyword("within")) {
            advance();
            within = days();
            if (!peek().isKeyword("days")) {
                throw expected("'days' after the number of days");
            }
            advance();
        }
        if (peek().kind() != Token.Kind.RIGHT_PAREN) {
            throw expected(filter == null && within == null ? "'where', 'within' or ')'" : within == null ? "'within' or ')'" : "')'");
        }
        advance();
        depth--;
        return at(Operand.Aggregate.of(function, source, field, filter, within), start);
    }

    private Source source() {
        Token token = peek();
        if (token.isKeyword("orders")) {
            advance();
            return Source.ORDERS;
        }
        if (token.isKeyword("events")) {
            advance();
            Token type = peek();
            if (type.kind() != Token.Kind.STRING) {
                throw expected("an event type in double quotes, e.g. events \"email_open\"");
            }
            if (!Event.isValidType(type.value())) {
                throw new RuleSyntaxError(type.position(), type.text(), "an event type",
                        "event types are lower-case letters, digits, '_' or '.', e.g. \"email_open\"");
            }
            advance();
            return new Source.Events(type.value());
        }
        throw expected("orders or events \"<type>\"");
    }

    private List<Value> valueList() {
        if (peek().kind() != Token.Kind.LEFT_PAREN) {
            throw expected("'(' to start the list of values");
        }
        advance();
        List<Value> values = new ArrayList<>();
        while (true) {
            if (values.size() == Rule.MAX_IN_VALUES) {
                Token token = peek();
                throw new RuleSyntaxError(token.position(), token.text(), "')'",
                        "a list holds at most " + Rule.MAX_IN_VALUES + " values; split the rule or use a custom attribute");
            }
            values.add(value());
            if (peek().kind() == Token.Kind.RIGHT_PAREN) {
                advance();
                return values;
            }
            if (peek().kind() != Token.Kind.COMMA) {
                throw expected("',' or ')'");
            }
            advance();
        }
    }

    private Value value() {
        Token token = peek();
        if (token.kind() == Token.Kind.STRING) {
            advance();
            return at(new Value.Text(token.value()), token);
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            advance();
            return at(new Value.Bool(token.isKeyword("true")), token);
        }
        if (token.kind() == Token.Kind.NUMBER) {
            if (peek(1).isKeyword("days")) {
                int days = days();
                advance();
                if (!peek().isKeyword("ago")) {
                    throw expected("'ago' (a date is written N days ago)");
                }
                advance();
                return at(new Value.DaysAgo(days), token);
            }
            advance();
            return at(new Value.Decimal(new BigDecimal(token.text())), token);
        }
        throw expected(VALUE);
    }

    private int days() {
        Token token = peek();
        if (token.kind() != Token.Kind.NUMBER) {
            throw expected("a whole number of days");
        }
        if (!token.text().chars().allMatch(c -> c >= '0' && c <= '9') || token.text().length() > 6
                || Integer.parseInt(token.text()) > Rule.MAX_DAYS) {
            throw new RuleSyntaxError(token.position(), token.text(), "a whole number of days from 0 to " + Rule.MAX_DAYS,
                    "days are a whole number from 0 to " + Rule.MAX_DAYS + ", not " + token.text());
        }
        advance();
        return Integer.parseInt(token.text());
    }

    private void enter(Token token) {
        if (++depth > Rule.MAX_DEPTH) {
            throw new RuleSyntaxError(token.position(), token.text(), "at most " + Rule.MAX_DEPTH + " levels of nesting",
                    "conditions are nested more than " + Rule.MAX_DEPTH + " levels deep (parentheses, not, aggregates); "
                            + "simplify the rule");
        }
    }

    private <T> T at(T node, Token token) {
        positions.putIfAbsent(node, token.position());
        return node;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }

    private RuleSyntaxError expected(String what) {
        Token token = peek();
        String after = next == 0 ? "" : " after " + tokens.get(next - 1).shown();
        return new RuleSyntaxError(token.position(), token.kind() == Token.Kind.END ? "end of rule" : token.text(), what,
                "expected " + what + after + " but found " + token.shown());
    }

    private RuleSyntaxError error(String what, String message) {
        Token token = peek();
        return new RuleSyntaxError(token.position(), token.shown(), what, message);
    }
}
