package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks that every name of a rule exists in its scope and that every value fits the type it is compared with. */
final class RuleCheck {

    /** An operand's type as far as checks go; {@code property} text may also be compared as a number. */
    private record Typed(FieldType type, boolean property, String label) {
    }

    private final Rule rule;
    private final FieldCatalogue catalogue;
    private final List<RuleProblem> problems = new ArrayList<>();
    private final List<RuleProblem> notices = new ArrayList<>();

    private RuleCheck(Rule rule, FieldCatalogue catalogue) {
        this.rule = rule;
        this.catalogue = catalogue;
    }

    static CheckedRule run(Rule rule, FieldCatalogue catalogue) {
        RuleCheck check = new RuleCheck(rule, catalogue);
        check.condition(rule.condition(), null);
        if (!check.problems.isEmpty()) {
            throw new RuleValidationError(check.problems);
        }
        return new CheckedRule(rule, catalogue, check.notices);
    }

    /** {@code scope} is null at customer level, else the source of the aggregate whose where this is. */
    private void condition(Condition condition, Source scope) {
        condition.accept(new Walk(scope));
    }

    private final class Walk implements Condition.Visitor<Void> {

        private final Source scope;

        private Walk(Source scope) {
            this.scope = scope;
        }

        @Override
        public Void allOf(Condition.AllOf all) {
            all.parts().forEach(part -> condition(part, scope));
            return null;
        }

        @Override
        public Void anyOf(Condition.AnyOf any) {
            any.parts().forEach(part -> condition(part, scope));
            return null;
        }

        @Override
        public Void not(Condition.Not not) {
            condition(not.negated(), scope);
            return null;
        }

        @Override
        public Void comparison(Condition.Comparison comparison) {
            Typed typed = typed(comparison.operand(), scope);
            if (typed != null) {
                RuleCheck.this.comparison(comparison, typed);
            }
            return null;
        }

        @Override
        public Void between(Condition.Between between) {
            Typed typed = typed(between.operand(), scope);
            if (typed != null && ordered(between, "between", typed, between.low())) {
                fits(typed, between.low());
                fits(typed, between.high());
                if (typed.property() && between.high().isText()) {
                    ordered(between, "between", typed, between.high());
                }
            }
            return null;
        }

        @Override
        public Void inList(Condition.InList in) {
            Typed typed = typed(in.operand(), scope);
            if (typed != null) {
                RuleCheck.this.inList(in, typed);
            }
            return null;
        }

        @Override
        public Void presence(Condition.Presence presence) {
            typed(presence.operand(), scope);
            return null;
        }
    }

    private void comparison(Condition.Comparison comparison, Typed typed) {
        Operator operator = comparison.operator();
        if (operator.matchesText()) {
            if (typed.type() != FieldType.TEXT) {
                problem(comparison, "'" + operator.symbol() + "' reads text, but " + typed.label() + " is "
                        + describe(typed.type()) + "; use " + operatorsFor(typed.type()));
            } else if (!comparison.value().isText()) {
                problem(comparison.value(), "'" + operator.symbol() + "' needs text in double quotes, e.g. \"Ri\"");
            }
        } else if (operator.isDateOnly() && typed.type() != FieldType.DATE) {
            problem(comparison, "'" + operator.symbol() + "' compares dates, but " + typed.label() + " is "
                    + describe(typed.type()) + "; use " + operatorsFor(typed.type()));
        } else if (!operator.orders() || ordered(comparison, operator.symbol(), typed, comparison.value())) {
            fits(typed, comparison.value());
        }
    }

    /** Whether an ordering operator may apply; reports the problem when not. */
    private boolean ordered(Condition condition, String operator, Typed typed, Value value) {
        if (typed.property()) {
            if (value.isNumber()) {
                return true;
            }
            problem(value, "'" + operator + "' compares event property " + typed.label() + " as a number; write a number, e.g. 3");
            return false;
        }
        if (typed.type() == FieldType.NUMBER || typed.type() == FieldType.DATE) {
            return true;
        }
        problem(condition, "'" + operator + "' compares numbers and dates, but " + typed.label() + " is "
                + describe(typed.type()) + "; use " + operatorsFor(typed.type()));
        return false;
    }

    private void inList(Condition.InList in, Typed typed) {
        if (typed.type() == FieldType.BOOLEAN) {
            problem(in, "'in' lists text, numbers or dates, but " + typed.label() + " is true or false; use = or !=");
            return;
        }
        in.values().forEach(value -> fits(typed, value));
        if (typed.property() && in.values().stream().map(Object::getClass).distinct().count() > 1) {
            problem(in, "the list for event property " + typed.label()
                    + " mixes text and numbers; use all text (compared as text) or all numbers");
        }
    }

    private void fits(Typed typed, Value value) {
        boolean fits = value.accept(new Value.Visitor<>() {
            @Override
            public Boolean text(Value.Text text) {
                boolean fits = typed.type() == FieldType.TEXT
                        || (typed.type() == FieldType.DATE && AttributeValues.date(text.text()) != null);
                if (!fits && typed.type() == FieldType.DATE) {
                    problem(value, RulePrinter.quoted(text.text()) + " is not a date; write it as \"YYYY-MM-DD\", "
                            + "e.g. \"1990-04-17\", or as N days ago");
                    return true; // reported here, in words of its own
                }
                return fits;
            }

            @Override
            public Boolean decimal(Value.Decimal decimal) {
                return typed.type() == FieldType.NUMBER || typed.property();
            }

            @Override
            public Boolean bool(Value.Bool bool) {
                return typed.type() == FieldType.BOOLEAN;
            }

            @Override
            public Boolean daysAgo(Value.DaysAgo daysAgo) {
                return typed.type() == FieldType.DATE;
            }
        });
        if (!fits) {
            problem(value, typed.label() + " is " + describe(typed.type()) + "; compare it with " + example(typed)
                    + ", not " + written(value));
        }
    }

    private Typed typed(Operand operand, Source scope) {
        return operand.match(field -> field(field, scope), this::aggregate);
    }

    private Typed field(Operand.Field operand, Source scope) {
        String name = operand.name();
        if (scope == null) {
            return catalogue.customerField(name).map(f -> new Typed(f.type(), false, name)).orElseGet(() -> {
                problem(operand, "unknown field '" + name + "'" + suggestions(name, catalogue.customerFieldNames()));
                return null;
            });
        }
        return scope.match(orders -> catalogue.sourceField(orders, name).map(f -> new Typed(f.type(), false, name)).orElseGet(() -> {
            problem(operand, "unknown order line field '" + name + "'" + suggestions(name, lineFields())
                    + "; order lines have " + RulePrinter.joinedNames(lineFields()));
            return null;
        }), events -> {
            noteUnknownProperty(operand, events, name);
            return new Typed(FieldType.TEXT, true, name);
        });
    }

    private Typed aggregate(Operand.Aggregate aggregate) {
        String label = aggregate.function().keyword() + "(…)";
        Source source = aggregate.source();
        source.match(orders -> null, events -> {
            if (!catalogue.eventTypes().contains(events.type())) {
                notices.add(new RuleProblem(position(aggregate), "no event of type \"" + events.type()
                        + "\" has been imported so far" + suggestions(events.type(), catalogue.eventTypes())));
            }
            return null;
        });
        aggregate.field().ifPresent(name -> source.match(orders -> lineAggregated(aggregate, orders, name), events -> {
            noteUnknownProperty(aggregate, events, name);
            return null;
        }));
        aggregate.filter().ifPresent(filter -> condition(filter, source));
        return new Typed(FieldType.NUMBER, false, label);
    }

    /** Checks the order line field an aggregate reads. */
    private Void lineAggregated(Operand.Aggregate aggregate, Source.Orders source, String name) {
        var field = catalogue.sourceField(source, name);
        if (field.isEmpty()) {
            problem(aggregate, "unknown order line field '" + name + "'" + suggestions(name, lineFields())
                    + "; order lines have " + RulePrinter.joinedNames(lineFields()));
        } else if (aggregate.function() != AggregateFunction.DISTINCT && field.get().type() != FieldType.NUMBER) {
            problem(aggregate, aggregate.function().keyword() + " needs a number, but " + name
                    + " is text; use amount or quantity, or distinct(orders." + name + ")");
        }
        return null;
    }

    private void noteUnknownProperty(Object node, Source.Events events, String name) {
        Set<String> seen = catalogue.eventProperties().get(events.type());
        if (seen != null && !seen.contains(name)) {
            notices.add(new RuleProblem(position(node), "no \"" + events.type() + "\" event so far has a property '"
                    + name + "'" + suggestions(name, seen)));
        }
    }

    private static List<String> lineFields() {
        return Arrays.stream(OrderLineField.values()).map(OrderLineField::fieldName).collect(Collectors.toList());
    }

    private static String suggestions(String name, Collection<String> known) {
        List<String> nearest = NearestNames.to(name, known);
        return nearest.isEmpty() ? "" : "; did you mean " + RulePrinter.joinedNames(nearest) + "?";
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case TEXT -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date";
        };
    }

    private static String operatorsFor(FieldType type) {
        return switch (type) {
            case TEXT -> "=, !=, in, contains or starts_with";
            case NUMBER -> "=, !=, <, <=, >, >=, in or between";
            case BOOLEAN -> "= or !=";
            case DATE -> "=, !=, before, after, <, >, in or between";
        };
    }

    private static String example(Typed typed) {
        if (typed.property()) {
            return "text in double quotes or a number";
        }
        return switch (typed.type()) {
            case TEXT -> "text in double quotes, e.g. \"Paris\"";
            case NUMBER -> "a number, e.g. 3";
            case BOOLEAN -> "true or false";
            case DATE -> "a date, e.g. \"2024-01-31\" or 30 days ago";
        };
    }

    private static String written(Value value) {
        return RulePrinter.print(new Condition.Comparison(new Operand.Field("x"), Operator.EQUALS, value)).substring(4);
    }

    private void problem(Object node, String message) {
        problems.add(new RuleProblem(position(node), message));
    }

    private Position position(Object node) {
        return rule.positionOf(node).orElse(null);
    }
}
