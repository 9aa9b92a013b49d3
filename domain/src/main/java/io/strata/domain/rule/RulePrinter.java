package io.strata.domain.rule;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes a condition tree as canonical rule text: lower-case keywords, single spaces, parentheses where the tree
 * needs them (and kept where the tree has them), always after {@code not}; the text parses back to an equal tree.
 */
final class RulePrinter {

    /** Words that cannot be bare field names; such names are written in backticks. */
    static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "between", "is", "null", "contains",
            "starts_with", "before", "after", "true", "false", "within", "where");

    private RulePrinter() {
    }

    static String print(Condition condition) {
        StringBuilder out = new StringBuilder();
        condition(condition, out);
        return out.toString();
    }

    private static void condition(Condition condition, StringBuilder out) {
        condition.accept(new Condition.Visitor<Void>() {
            @Override
            public Void anyOf(Condition.AnyOf any) {
                joined(any.parts(), " or ", out, part -> part.accept(JOIN) == Join.OR);
                return null;
            }

            @Override
            public Void allOf(Condition.AllOf all) {
                joined(all.parts(), " and ", out, part -> part.accept(JOIN) != Join.NONE);
                return null;
            }

            @Override
            public Void not(Condition.Not not) {
                out.append("not ");
                wrapped(not.negated(), out, true);
                return null;
            }

            @Override
            public Void comparison(Condition.Comparison c) {
                operand(c.operand(), out);
                out.append(' ').append(c.operator().symbol()).append(' ');
                value(c.value(), out);
                return null;
            }

            @Override
            public Void between(Condition.Between b) {
                operand(b.operand(), out);
                out.append(" between ");
                value(b.low(), out);
                out.append(" and ");
                value(b.high(), out);
                return null;
            }

            @Override
            public Void inList(Condition.InList in) {
                operand(in.operand(), out);
                out.append(in.negated() ? " not in (" : " in (");
                for (int i = 0; i < in.values().size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    value(in.values().get(i), out);
                }
                out.append(')');
                return null;
            }

            @Override
            public Void presence(Condition.Presence p) {
                operand(p.operand(), out);
                out.append(p.present() ? " is not null" : " is null");
                return null;
            }
        });
    }

    /** How a condition joins its parts, which decides where it needs parentheses inside {@code and} or {@code or}. */
    private enum Join { OR, AND, NONE }

    private static final Condition.Visitor<Join> JOIN = new Condition.Visitor<>() {
        @Override
        public Join allOf(Condition.AllOf all) {
            return Join.AND;
        }

        @Override
        public Join anyOf(Condition.AnyOf any) {
            return Join.OR;
        }

        @Override
        public Join not(Condition.Not not) {
            return Join.NONE;
        }

        @Override
        public Join comparison(Condition.Comparison comparison) {
            return Join.NONE;
        }

        @Override
        public Join between(Condition.Between between) {
            return Join.NONE;
        }

        @Override
        public Join inList(Condition.InList in) {
            return Join.NONE;
        }

        @Override
        public Join presence(Condition.Presence presence) {
            return Join.NONE;
        }
    };

    private static void joined(List<Condition> parts, String keyword, StringBuilder out,
                               Predicate<Condition> needsParentheses) {
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "" : keyword);
            wrapped(parts.get(i), out, needsParentheses.test(parts.get(i)));
        }
    }

    private static void wrapped(Condition condition, StringBuilder out, boolean parentheses) {
        out.append(parentheses ? "(" : "");
        condition(condition, out);
        out.append(parentheses ? ")" : "");
    }

    private static void operand(Operand operand, StringBuilder out) {
        operand.match(field -> out.append(name(field.name())), aggregate -> aggregate(aggregate, out));
    }

    private static StringBuilder aggregate(Operand.Aggregate aggregate, StringBuilder out) {
        out.append(aggregate.function().keyword()).append('(');
        aggregate.source().match(orders -> out.append("orders"), events -> out.append("events ").append(quoted(events.type())));
        aggregate.field().ifPresent(field -> out.append('.').append(name(field)));
        aggregate.filter().ifPresent(filter -> {
            out.append(" where ");
            condition(filter, out);
        });
        aggregate.withinDays().ifPresent(days -> out.append(" within ").append(days).append(" days"));
        return out.append(')');
    }

    private static void value(Value value, StringBuilder out) {
        value.accept(new Value.Visitor<StringBuilder>() {
            @Override
            public StringBuilder text(Value.Text text) {
                return out.append(quoted(text.text()));
            }

            @Override
            public StringBuilder decimal(Value.Decimal decimal) {
                return out.append(decimal.number().toPlainString());
            }

            @Override
            public StringBuilder bool(Value.Bool bool) {
                return out.append(bool.value());
            }

            @Override
            public StringBuilder daysAgo(Value.DaysAgo ago) {
                return out.append(ago.days()).append(" days ago");
            }
        });
    }

    static String name(String name) {
        boolean plain = RuleLexer.isNameStart(name.charAt(0)) && name.chars().allMatch(c -> RuleLexer.isNamePart((char) c))
                && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
        return plain ? name : "`" + name + "`";
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static String joinedNames(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + names.get(names.size() - 1);
    }
}
