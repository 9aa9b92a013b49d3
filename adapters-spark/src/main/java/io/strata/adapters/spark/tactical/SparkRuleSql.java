package io.strata.adapters.spark.tactical;

import io.strata.adapters.spark.segmentation.SparkQuery;
import io.strata.domain.customer.FieldType;
import io.strata.domain.rule.AggregateFunction;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.Condition;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.Operand;
import io.strata.domain.rule.Operator;
import io.strata.domain.rule.OrderLineField;
import io.strata.domain.rule.PredictedField;
import io.strata.domain.rule.PurchaseMetric;
import io.strata.domain.rule.RfmScore;
import io.strata.domain.rule.RuleField;
import io.strata.domain.rule.Source;
import io.strata.domain.rule.Value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles a checked rule into one Spark SQL boolean expression over {@code c} (customers) and {@code a} (the
 * customer's metrics and scores), with the meaning of the domain's reference evaluator, as the PostgreSQL adapter's
 * rule compiler has it: a comparison with a missing value is false (each predicate is wrapped in
 * {@code coalesce(…, false)}); stored text reads as a typed value only in its strict form; aggregates look at
 * [D − N days 00:00 UTC, D + 1 day 00:00 UTC). Where PostgreSQL runs a correlated subquery per customer, Spark gets
 * one grouped table per aggregate, left-joined on the customer: the set-based form a cluster spreads out.
 * The session must run in UTC with ANSI mode off (a text that is not a number casts to null, not to an error).
 */
public final class SparkRuleSql {

    private static final String NUMBER_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";
    private static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /** Wide enough for every number the imports accept (19 digits, 4 places) and the rules' literals. */
    static final String NUMBER = "decimal(38,18)";

    /** The condition and the grouped tables it reads, each {@code left join (…) xN on xN.customer_key = c.customer_key}. */
    public record Compiled(String condition, List<String> joins) {
        public Compiled {
            joins = List.copyOf(joins);
        }
    }

    private final FieldCatalogue catalogue;
    private final LocalDate asOf;
    private final SparkQuery query;
    private final AtomicInteger aliases;
    private final List<String> joins = new ArrayList<>();

    private SparkRuleSql(FieldCatalogue catalogue, LocalDate asOf, SparkQuery query, AtomicInteger aliases) {
        this.catalogue = catalogue;
        this.asOf = asOf;
        this.query = query;
        this.aliases = aliases;
    }

    /** Why a rule on predictions cannot run here: the run's predictions live in PostgreSQL only (docs/scale-out.md). */
    public static final String NO_PREDICTIONS = "predicted fields (p_alive, expected_purchases_30d/90d/365d, expected_purchase_value,"
            + " predicted_value) are not computed on the Spark engine yet; run segmentations whose rules read them on the"
            + " PostgreSQL engine";

    /**
     * Values are bound into {@code query}'s parameters; {@code aliases} numbers the grouped tables across rules. A rule
     * that reads predictions is refused with {@link #NO_PREDICTIONS} before anything is compiled.
     */
    public static Compiled compile(CheckedRule rule, LocalDate asOf, SparkQuery query, AtomicInteger aliases) {
        if (rule.namesPredictedFields()) {
            throw new IllegalArgumentException(NO_PREDICTIONS);
        }
        SparkRuleSql compiler = new SparkRuleSql(rule.catalogue(), asOf, query, aliases);
        String condition = compiler.condition(rule.rule().condition(), null);
        return new Compiled(condition, compiler.joins);
    }

    private String condition(Condition condition, Source scope) {
        return condition.accept(new Condition.Visitor<String>() {
            @Override
            public String allOf(Condition.AllOf all) {
                return "(" + String.join(" and ", all.parts().stream().map(p -> condition(p, scope)).toList()) + ")";
            }

            @Override
            public String anyOf(Condition.AnyOf any) {
                return "(" + String.join(" or ", any.parts().stream().map(p -> condition(p, scope)).toList()) + ")";
            }

            @Override
            public String not(Condition.Not not) {
                return "(not " + condition(not.negated(), scope) + ")";
            }

            @Override
            public String presence(Condition.Presence presence) {
                return "(" + operand(presence.operand(), scope, null) + (presence.present() ? " is not null)" : " is null)");
            }

            @Override
            public String comparison(Condition.Comparison comparison) {
                FieldType type = typeOf(comparison.operand(), comparison.value(), scope);
                return "coalesce(" + SparkRuleSql.this.comparison(comparison, type, scope) + ", false)";
            }

            @Override
            public String between(Condition.Between between) {
                FieldType type = typeOf(between.operand(), between.low(), scope);
                return "coalesce((" + operand(between.operand(), scope, type) + " between " + literal(between.low(), type) + " and "
                        + literal(between.high(), type) + "), false)";
            }

            @Override
            public String inList(Condition.InList in) {
                FieldType type = typeOf(in.operand(), in.values().get(0), scope);
                List<String> values = in.values().stream().map(v -> literal(v, type)).toList();
                return "coalesce((" + operand(in.operand(), scope, type) + (in.negated() ? " not in (" : " in (")
                        + String.join(", ", values) + ")), false)";
            }
        });
    }

    private String comparison(Condition.Comparison comparison, FieldType type, Source scope) {
        String value = operand(comparison.operand(), scope, type);
        String literal = literal(comparison.value(), type);
        return switch (comparison.operator()) {
            case CONTAINS -> "(instr(" + value + ", " + literal + ") > 0)";
            case STARTS_WITH -> "startswith(" + value + ", " + literal + ")";
            default -> "(" + value + " " + symbol(comparison.operator()) + " " + literal + ")";
        };
    }

    private static String symbol(Operator operator) {
        return switch (operator) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "<>";
            case LESS, BEFORE -> "<";
            case LESS_OR_EQUAL -> "<=";
            case GREATER, AFTER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case CONTAINS, STARTS_WITH -> throw new IllegalArgumentException("not a comparison symbol: " + operator);
        };
    }

    private FieldType typeOf(Operand operand, Value value, Source scope) {
        return operand.match(field -> field(field, scope).comparedAs(value), aggregate -> FieldType.NUMBER);
    }

    private RuleField field(Operand.Field field, Source scope) {
        return (scope == null ? catalogue.customerField(field.name()) : catalogue.sourceField(scope, field.name()))
                .orElseThrow(() -> new IllegalStateException("field '" + field.name() + "' was not checked against this catalogue"));
    }

    private String literal(Value value, FieldType type) {
        return value.accept(new Value.Visitor<>() {
            @Override
            public String text(Value.Text text) {
                return type == FieldType.DATE ? query.bind(LocalDate.parse(text.text())) : query.bind(text.text());
            }

            @Override
            public String decimal(Value.Decimal decimal) {
                return "cast(" + query.bind(decimal.number()) + " as " + NUMBER + ")";
            }

            @Override
            public String bool(Value.Bool bool) {
                return query.bind(bool.value());
            }

            @Override
            public String daysAgo(Value.DaysAgo daysAgo) {
                return query.bind(asOf.minusDays(daysAgo.days()));
            }
        });
    }

    private String operand(Operand operand, Source scope, FieldType type) {
        return operand.match(field -> read(field(field, scope), type), this::aggregate);
    }

    private String read(RuleField field, FieldType type) {
        return field.accept(new RuleField.Visitor<>() {
            @Override
            public String profileAttribute(RuleField.ProfileAttribute profile) {
                String column = "c." + profile.field().column(); // a fixed enum of the contract's columns
                return profile.type() == FieldType.TEXT ? "nullif(" + column + ", '')" : column;
            }

            @Override
            public String customAttribute(RuleField.CustomAttribute custom) {
                return typedText("element_at(from_json(c.attributes, 'map<string,string>'), " + query.bind(custom.name()) + ")", custom.type());
            }

            @Override
            public String customerId(RuleField.CustomerIdField customerId) {
                return "c.customer_id";
            }

            @Override
            public String eventProperty(RuleField.EventProperty property) {
                return typedText("element_at(from_json(i.properties, 'map<string,string>'), " + query.bind(property.fieldName()) + ")",
                        type == null ? FieldType.TEXT : type);
            }

            @Override
            public String purchaseMetric(PurchaseMetric metric) {
                return metric(metric);
            }

            @Override
            public String rfmScore(RfmScore score) {
                return "cast(a." + score.fieldName() + " as " + NUMBER + ")";
            }

            @Override
            public String orderLineField(OrderLineField line) {
                return line.type() == FieldType.TEXT ? "nullif(i." + line.fieldName() + ", '')" : "i." + line.fieldName();
            }

            @Override
            public String predicted(PredictedField predicted) {
                throw new IllegalArgumentException(NO_PREDICTIONS);
            }
        });
    }

    /** Stored text as a value only in its strict form, as the domain's AttributeValues reads it. */
    private String typedText(String text, FieldType type) {
        return switch (type) {
            case TEXT -> "nullif(" + text + ", '')";
            case NUMBER -> "(case when " + text + " rlike " + query.bind(NUMBER_PATTERN) + " then cast(" + text + " as " + NUMBER + ") end)";
            // a real day as PostgreSQL's RuleSql and AttributeValues read it: make_date answers NULL for a day the month
            // lacks (ANSI off), and year 0000, which PostgreSQL cannot hold, is no date (to_date read neither so)
            case DATE -> "(case when " + text + " rlike " + query.bind(DATE_PATTERN) + " and substr(" + text + ", 1, 4) <> '0000' then make_date(cast(substr("
                    + text + ", 1, 4) as int), cast(substr(" + text + ", 6, 2) as int), cast(substr(" + text + ", 9, 2) as int)) end)";
            case BOOLEAN -> "(case lower(" + text + ") when 'true' then true when 'false' then false end)";
        };
    }

    private String metric(PurchaseMetric metric) {
        return switch (metric) {
            case RECENCY_DAYS -> "cast(a.recency_days as " + NUMBER + ")";
            case FREQUENCY -> "cast(a.frequency as " + NUMBER + ")";
            case MONETARY -> "a.monetary";
            case AVG_ORDER_VALUE -> "(case when a.frequency > 0 then round(a.monetary / a.frequency, 4) end)";
            case TENURE_DAYS -> "cast(" + grouped("datediff(" + query.bind(asOf) + ", to_date(min(o.ordered_at)))",
                    " from orders o where o.total > 0 and o.ordered_at < " + end()) + " as " + NUMBER + ")";
            case CATEGORIES -> "(case when a.frequency > 0 then coalesce(" + grouped("count(distinct l.category)",
                    " from orders o join order_lines l on l.order_key = o.order_key where o.total > 0 and o.ordered_at < " + end()
                            + " and l.category <> ''") + ", 0) end)";
        };
    }

    /** A per-customer value from a grouped table joined once; answers the column that holds it (null without rows). */
    private String grouped(String value, String fromWhere) {
        return grouped(value, fromWhere, "o.customer_key");
    }

    private String grouped(String value, String fromWhere, String customerKey) {
        String alias = "x" + aliases.getAndIncrement();
        joins.add("left join (select " + customerKey + " as customer_key, " + value + " as v" + fromWhere + " group by " + customerKey + ") " + alias
                + " on " + alias + ".customer_key = c.customer_key");
        return alias + ".v";
    }

    private String end() {
        return query.bind(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private String windowStart(Operand.Aggregate aggregate) {
        Instant start = asOf.minusDays(aggregate.withinDays().getAsInt()).atStartOfDay(ZoneOffset.UTC).toInstant();
        return query.bind(start);
    }

    private String aggregate(Operand.Aggregate aggregate) {
        boolean orders = aggregate.source().match(fromOrders -> true, fromEvents -> false);
        String orderWindow = aggregate.withinDays().isPresent() ? " and o.ordered_at >= " + windowStart(aggregate) : "";
        if (orders && aggregate.filter().isEmpty()) {
            // without a condition on lines, counting orders and summing line amounts need only the per-order totals
            if (aggregate.function() == AggregateFunction.COUNT) {
                return "cast(coalesce(" + grouped("count(*)", " from orders o where o.ordered_at < " + end() + orderWindow) + ", 0) as "
                        + NUMBER + ")";
            }
            if (aggregate.function() == AggregateFunction.SUM
                    && field(new Operand.Field(aggregate.field().orElseThrow()), aggregate.source()) == OrderLineField.AMOUNT) {
                return "coalesce(" + grouped("sum(o.total)", " from orders o where o.ordered_at < " + end() + orderWindow) + ", 0)";
            }
        }
        String select;
        if (aggregate.function() == AggregateFunction.COUNT) {
            select = orders ? "count(distinct o.order_key)" : "count(*)";
        } else {
            FieldType type = aggregate.function() == AggregateFunction.DISTINCT ? null : FieldType.NUMBER;
            String value = operand(new Operand.Field(aggregate.field().orElseThrow()), aggregate.source(), type);
            select = switch (aggregate.function()) {
                case DISTINCT -> "count(distinct " + value + ")";
                case SUM -> "sum(" + value + ")";
                case AVG -> "round(avg(" + value + "), 4)";
                case COUNT -> throw new IllegalStateException("handled above");
            };
        }
        String from = aggregate.source().match(
                fromOrders -> " from orders o join order_lines i on i.order_key = o.order_key where o.ordered_at < " + end() + orderWindow,
                events -> " from events i where i.event_type = " + query.bind(events.type()) + " and i.occurred_at < " + end()
                        + (aggregate.withinDays().isPresent() ? " and i.occurred_at >= " + windowStart(aggregate) : ""));
        String filter = aggregate.filter().map(f -> " and " + condition(f, aggregate.source())).orElse("");
        String column = grouped(select, from + filter, orders ? "o.customer_key" : "i.customer_key");
        // counts and sums over no rows are 0, an average over none is missing, as in the reference
        return aggregate.function() == AggregateFunction.AVG ? column : "cast(coalesce(" + column + ", 0) as " + NUMBER + ")";
    }
}
