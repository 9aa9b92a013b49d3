package io.strata.adapters.persistence.tactical;

import io.strata.domain.customer.FieldType;
import io.strata.domain.rule.AggregateFunction;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.Condition;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.Operand;
import io.strata.domain.rule.Operator;
import io.strata.domain.rule.PredictedField;
import io.strata.domain.rule.OrderLineField;
import io.strata.domain.rule.PurchaseMetric;
import io.strata.domain.rule.RfmScore;
import io.strata.domain.rule.RuleField;
import io.strata.domain.rule.Source;
import io.strata.domain.rule.Value;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.strata.adapters.persistence.tactical.SqlFragment.bind;
import static io.strata.adapters.persistence.tactical.SqlFragment.of;
import static io.strata.adapters.persistence.tactical.SqlFragment.sql;

/**
 * Compiles a checked rule into one SQL boolean expression over {@code c} (customers) and {@code a} (the run's
 * assignment row: run id, scores and metrics; predictions are read from {@code run_customer_predictions} of that run), with the meaning of the domain's reference evaluator: a comparison with a
 * missing value is false (each predicate is wrapped in {@code coalesce(…, false)}, so {@code not} is plain
 * negation); stored text reads as a typed value only in its strict form; aggregates look at
 * [D − N days 00:00 UTC, D + 1 day 00:00 UTC). Every value is a bind parameter; the only identifiers written into
 * the SQL come from the fixed field enums.
 */
public final class RuleSql {

    private static final String NUMBER_PATTERN = "'^-?[0-9]+(\\.[0-9]+)?$'";
    private static final String DATE_PATTERN = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'";

    private final FieldCatalogue catalogue;
    private final LocalDate asOf;
    /**
     * The alias of the assignment row the scores and metrics are read from: {@code a}, or {@code m} when the conjuncts
     * that read only that row restrict a run's members ({@link #onAssignmentRow}).
     */
    private final String assignment;
    /** What the customer's key is read from: {@code c.customer_key}, or the assignment's when no customer row is joined. */
    private final String customerKey;
    /** Whether the compiled rule reads a column of the customer's row (or a prediction, read by {@code c.customer_key}). */
    private boolean customerRowRead;
    /** The run whose predictions the predicted fields read: {@code a.run_id}, or the run's id as a bind parameter. */
    private final SqlFragment predictionsRun;
    /**
     * The bits of the categories ({@code order_category_bits}, changeset 410) as read before the statement, when an
     * order's categories may be asked of its mask ({@code orders.category_mask}, carried by the orders' index): in a
     * preview's member condition (see {@link #categoriesMatch}); null otherwise.
     */
    private final Map<String, Integer> categoryBits;
    /**
     * The keys of the members the condition is tested on ({@code select m.customer_key from run_assignments m where …}:
     * one parent segment of a run, or a half of it, less the members that the rule's conjuncts on the assignment row alone
     * reject, {@link #onAssignmentRow}), when a run's tactical memberships are computed; null otherwise. An "at least one"
     * count or a comparison of an aggregate that is a conjunct of the whole rule is then asked once for all of them
     * ({@link #membersWithSome}, {@link #membersWhose}).
     */
    private final SqlFragment memberKeys;

    private RuleSql(FieldCatalogue catalogue, LocalDate asOf, String customerKey, SqlFragment predictionsRun, Map<String, Integer> categoryBits) {
        this(catalogue, asOf, "a", customerKey, predictionsRun, categoryBits, null);
    }

    private RuleSql(FieldCatalogue catalogue, LocalDate asOf, String assignment, String customerKey, SqlFragment predictionsRun,
                    Map<String, Integer> categoryBits, SqlFragment memberKeys) {
        this.catalogue = catalogue;
        this.asOf = asOf;
        this.assignment = assignment;
        this.customerKey = customerKey;
        this.predictionsRun = predictionsRun;
        this.categoryBits = categoryBits;
        this.memberKeys = memberKeys;
    }

    public static SqlFragment compile(CheckedRule rule, LocalDate asOf) {
        return new RuleSql(rule.catalogue(), asOf, "c.customer_key", sql("a.run_id"), null).condition(rule.rule().condition(), null);
    }

    /**
     * As {@link #compile(CheckedRule, LocalDate)} for a statement over one run's rows ({@code a.run_id} is
     * {@code runId} for every row): the predicted fields read that run's predictions by its id, a bind parameter, so
     * that PostgreSQL picks the run's partitions of the predictions once for the statement instead of once per customer
     * (docs/predictions.md, "Predicted fields in rules"). Only the predicted fields differ.
     */
    public static SqlFragment compile(CheckedRule rule, LocalDate asOf, long runId) {
        return new RuleSql(rule.catalogue(), asOf, "c.customer_key", bind(runId, "bigint"), null).condition(rule.rule().condition(), null);
    }

    /**
     * The members of one parent segment of a run that the rule matches: the {@code from} and {@code where} of a select
     * over {@code a} (the member's assignment row; {@code a.customer_key} is the member), what a run's tactical
     * memberships are computed from ({@link SqlTacticalMembership}), with the meaning of {@link #compile}. The customer's
     * row is joined only when the rule reads it: a rule on scores, metrics and aggregates (the benchmark's
     * {@code sum(orders.amount within 365 days) > 200} in {@code loyal_customers}) no longer probes the customers' key
     * for each of the parent's members before its subquery (session 32: 0.82 s against 2.11 s for that branch at 1M,
     * under load). The aggregates stay correlated subqueries: as aggregates of the members grouped with their orders
     * (a parallel plan) the branch took 1.25 s against 0.82 s, and the whole follow-up 4.8 s against 3.3 s
     * (docs/benchmarks.md, "Session 32: tactical segments").
     */
    public static SqlFragment membersOf(CheckedRule rule, LocalDate asOf, long runId, String parentSegment) {
        return membersOf(rule, asOf, runId, parentSegment, null);
    }

    /**
     * As {@link #membersOf(CheckedRule, LocalDate, long, String)}, asking the orders' categories of their masks with
     * {@code categoryBits} (the categories' bits as stored, read before the statement; see {@link #categoriesMatch}):
     * what a preview reads.
     */
    public static SqlFragment membersOf(CheckedRule rule, LocalDate asOf, long runId, String parentSegment, Map<String, Integer> categoryBits) {
        return membersOf(rule, asOf, runId, parentSegment, categoryBits, null);
    }

    /**
     * As above, for the members whose keys lie in {@code keys} (null: all): one half of a run's tactical memberships
     * ({@link MembershipHalves}). The range is written on the member and, when it is joined, on the customer's row
     * (PostgreSQL carries equalities across a join, not ranges: the customers' scan keeps its half only so).
     */
    static SqlFragment membersOf(CheckedRule rule, LocalDate asOf, long runId, String parentSegment, Map<String, Integer> categoryBits,
                                 MembershipHalves.KeyRange keys) {
        return membersOf(rule, asOf, runId, parentSegment, categoryBits, keys, false);
    }

    /**
     * As above; {@code allAtOnce}: an "at least one" count that is a conjunct of the rule is asked once for all the
     * members ({@link #membersWithSome}), as a run's tactical memberships ask it ({@link SqlTacticalMembership#fill}).
     * A preview keeps its probe per member: its count may stop early, and a sample walks the members in key order.
     */
    static SqlFragment membersOf(CheckedRule rule, LocalDate asOf, long runId, String parentSegment, Map<String, Integer> categoryBits,
                                 MembershipHalves.KeyRange keys, boolean allAtOnce) {
        MemberCondition member = onMember(rule, asOf, runId, categoryBits, allAtOnce ? of("select m.customer_key from run_assignments m where m.run_id = ",
                bind(runId, "bigint"), " and m.segment_key = ", bind(parentSegment, "text"), keys == null ? "" : keys.on("m"),
                onAssignmentRow(rule, asOf, runId, "m")) : null);
        return of(" from run_assignments a", member.readsCustomerRow() ? " join customers c on c.customer_key = a.customer_key" : "",
                " where a.run_id = ", bind(runId, "bigint"), " and a.segment_key = ", bind(parentSegment, "text"),
                keys == null ? "" : keys.on("a") + (member.readsCustomerRow() ? keys.on("c") : ""), " and ", member.condition());
    }

    /**
     * The rule as a condition on one member of run {@code runId}: over {@code a} (the member's assignment row;
     * subqueries correlated on {@code a.customer_key}) and, when {@link MemberCondition#readsCustomerRow}, over
     * {@code c} (the member's customer row), with the meaning of {@link #compile}. What {@link #membersOf} filters a
     * parent's members with, and what the tactical memberships' one pass over the customers tests for each segment
     * whose rule reads the row ({@link SqlTacticalMembership}).
     */
    public static MemberCondition onMember(CheckedRule rule, LocalDate asOf, long runId) {
        return onMember(rule, asOf, runId, null);
    }

    /** As {@link #onMember(CheckedRule, LocalDate, long)}, asking the orders' categories of their masks with {@code categoryBits}. */
    static MemberCondition onMember(CheckedRule rule, LocalDate asOf, long runId, Map<String, Integer> categoryBits) {
        return onMember(rule, asOf, runId, categoryBits, null);
    }

    /**
     * As {@link #onMember(CheckedRule, LocalDate, long, Map)}, for the members whose keys {@code memberKeys} selects
     * (null: no such form, see {@link #membersWithSome}).
     */
    private static MemberCondition onMember(CheckedRule rule, LocalDate asOf, long runId, Map<String, Integer> categoryBits, SqlFragment memberKeys) {
        RuleSql compiler = new RuleSql(rule.catalogue(), asOf, "a", "a.customer_key", bind(runId, "bigint"), categoryBits, memberKeys);
        SqlFragment condition = compiler.rule(rule.rule().condition());
        return new MemberCondition(condition, compiler.customerRowRead, hasSubquery(condition));
    }

    /**
     * The conjuncts of the whole rule (the rule, or the parts of its top {@code and}s) that read only the member's
     * assignment row (scores and metrics: no subquery, nothing of the customer's row), compiled once more over that row
     * under {@code alias}, each as {@code " and " + conjunct}; empty when there is none. They restrict the parent's
     * members whose keys {@link #membersWithSome} and {@link #membersWhose} search the orders or events for
     * ({@link #memberKeys}), as {@link #cheapFirst} lets a per-member probe run only for the members that pass them:
     * {@code monetary > 5000 and sum(orders.amount within 30 days) > 100} in a parent of 550,000 members a half at 10M,
     * of whom about 1 % pass the first part, scanned and grouped the orders of all 550,000 without them, about 5,500
     * with them. Same members: the member of the outer query is kept only if these conjuncts hold for its own row, which
     * is the row of {@code alias} with its key (one assignment row per run and customer), so a member they reject is
     * rejected by the outer query whatever the arrays hold, and one they keep is in the arrays exactly as before. Every
     * part is strictly true or false (see the class comment), so a conjunct compiled twice has one answer.
     */
    private static SqlFragment onAssignmentRow(CheckedRule rule, LocalDate asOf, long runId, String alias) {
        List<SqlFragment> restrictions = new java.util.ArrayList<>();
        for (Condition conjunct : conjuncts(rule.rule().condition())) {
            RuleSql compiler = new RuleSql(rule.catalogue(), asOf, alias, alias + ".customer_key", bind(runId, "bigint"), null, null);
            SqlFragment compiled = compiler.condition(conjunct, null);
            if (!compiler.customerRowRead && !hasSubquery(compiled)) {
                restrictions.add(of(" and ", compiled));
            }
        }
        return of(restrictions.toArray());
    }

    /** The conjuncts of a condition: the parts of its {@code and}s, down through nested {@code and}s; else itself. */
    private static List<Condition> conjuncts(Condition condition) {
        return condition.accept(new Condition.Visitor<List<Condition>>() {
            @Override
            public List<Condition> allOf(Condition.AllOf all) {
                return all.parts().stream().flatMap(part -> conjuncts(part).stream()).toList();
            }

            @Override
            public List<Condition> anyOf(Condition.AnyOf any) {
                return List.of(any);
            }

            @Override
            public List<Condition> not(Condition.Not not) {
                return List.of(not);
            }

            @Override
            public List<Condition> comparison(Condition.Comparison comparison) {
                return List.of(comparison);
            }

            @Override
            public List<Condition> between(Condition.Between between) {
                return List.of(between);
            }

            @Override
            public List<Condition> inList(Condition.InList in) {
                return List.of(in);
            }

            @Override
            public List<Condition> presence(Condition.Presence presence) {
                return List.of(presence);
            }
        });
    }

    /**
     * A compiled rule on a run's member: {@code readsCustomerRow} when it reads {@code c}; {@code subquery} when it reads
     * orders, lines, events or predictions through a correlated subquery (such an expression keeps the plan node that
     * evaluates it out of PostgreSQL's parallel workers).
     */
    public record MemberCondition(SqlFragment condition, boolean readsCustomerRow, boolean subquery) {
    }

    /** The fields read from the customer's row: profile and custom attributes, the id, and predictions (by its key). */
    private static final RuleField.Visitor<Boolean> ON_CUSTOMER_ROW = new RuleField.Visitor<>() {
        @Override
        public Boolean profileAttribute(RuleField.ProfileAttribute profile) {
            return true;
        }

        @Override
        public Boolean customAttribute(RuleField.CustomAttribute custom) {
            return true;
        }

        @Override
        public Boolean customerId(RuleField.CustomerIdField customerId) {
            return true;
        }

        @Override
        public Boolean eventProperty(RuleField.EventProperty property) {
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
        public Boolean predicted(PredictedField predicted) {
            return true;
        }
    };

    /** {@code scope} is null at customer level, else the source whose item (alias {@code i}) an aggregate's where reads. */
    private SqlFragment condition(Condition condition, Source scope) {
        return condition.accept(new Compiled(scope, false));
    }

    /** The whole rule at customer level: its conjuncts (the rule, or the parts of its top {@code and}s) may be asked of all the members at once. */
    private SqlFragment rule(Condition condition) {
        return condition.accept(new Compiled(null, true));
    }

    private final class Compiled implements Condition.Visitor<SqlFragment> {

        private final Source scope;
        /** Whether the condition is a conjunct of the whole rule: the member is kept only if it holds. */
        private final boolean conjunct;

        private Compiled(Source scope, boolean conjunct) {
            this.scope = scope;
            this.conjunct = conjunct;
        }

        @Override
        public SqlFragment allOf(Condition.AllOf all) {
            return of("(", SqlFragment.join(cheapFirst(all.parts(), scope, conjunct), " and "), ")");
        }

        @Override
        public SqlFragment anyOf(Condition.AnyOf any) {
            return of("(", SqlFragment.join(cheapFirst(any.parts(), scope, false), " or "), ")");
        }

        @Override
        public SqlFragment not(Condition.Not not) {
            return of("(not ", condition(not.negated(), scope), ")");
        }

        @Override
        public SqlFragment presence(Condition.Presence presence) {
            return of("(", operand(presence.operand(), scope, null), presence.present() ? " is not null)" : " is null)");
        }

        @Override
        public SqlFragment comparison(Condition.Comparison comparison) {
            Optional<Boolean> some = someOrNone(comparison);
            if (some.isPresent()) {
                Operand.Aggregate aggregate = (Operand.Aggregate) comparison.operand();
                if (some.get() && conjunct && memberKeys != null) {
                    return membersWithSome(aggregate);
                }
                return of(some.get() ? "exists (select 1" : "(not exists (select 1", items(aggregate, true), some.get() ? ")" : "))");
            }
            if (conjunct && memberKeys != null) {
                Optional<Operand.Aggregate> grouped = comparison.operand().<Optional<Operand.Aggregate>>match(field -> Optional.empty(), Optional::of)
                        .filter(aggregate -> noneNeverMatches(comparison, aggregate));
                if (grouped.isPresent()) {
                    return membersWhose(comparison, grouped.get());
                }
            }
            FieldType type = typeOf(comparison.operand(), comparison.value(), scope);
            return of("coalesce(", RuleSql.this.comparison(comparison, type, scope), ", false)");
        }

        @Override
        public SqlFragment between(Condition.Between between) {
            FieldType type = typeOf(between.operand(), between.low(), scope);
            return of("coalesce((", operand(between.operand(), scope, type), " between ", literal(between.low(), type, between.operand(), scope),
                    " and ", literal(between.high(), type, between.operand(), scope), "), false)");
        }

        @Override
        public SqlFragment inList(Condition.InList in) {
            FieldType type = typeOf(in.operand(), in.values().get(0), scope);
            List<SqlFragment> values = in.values().stream().map(v -> literal(v, type, in.operand(), scope)).toList();
            return of("coalesce((", operand(in.operand(), scope, type), in.negated() ? " not in (" : " in (",
                    SqlFragment.join(values, ", "), ")), false)");
        }
    }

    /**
     * The parts compiled, those without a subquery (aggregates, tenure, categories) first: PostgreSQL evaluates
     * {@code and}/{@code or} from the left and stops early, so a subquery runs only for customers the cheap parts let
     * through. Every part is strictly true or false (see the class comment), so the order does not change the meaning.
     */
    private List<SqlFragment> cheapFirst(List<Condition> parts, Source scope, boolean conjuncts) {
        List<SqlFragment> compiled = parts.stream().map(p -> p.accept(new Compiled(scope, conjuncts))).toList();
        List<SqlFragment> ordered = new java.util.ArrayList<>(compiled.stream().filter(f -> !hasSubquery(f)).toList());
        ordered.addAll(compiled.stream().filter(RuleSql::hasSubquery).toList());
        return ordered;
    }

    private static boolean hasSubquery(SqlFragment fragment) {
        return fragment.sql().contains("(select ");
    }

    /**
     * An "at least one" count that is a conjunct of the whole rule, over a run's members ({@link #memberKeys}): the member's
     * key among the keys of those members that have such an order or event, found by one scan of the orders' (or
     * events') index for all the members' keys at once ({@code customer_key = any(array(…))}, which PostgreSQL 17 walks
     * in key order) instead of one probe per member. The array is computed once for the statement (it is not
     * correlated) and, being a conjunct, becomes a condition of the members' own index scan, so the members without such
     * an order are never read, nor their customer rows: the benchmark's {@code count(orders where category = "kids"
     * within 180 days) >= 1 and device = "smart_tv"} in {@code hibernating} probed the orders for the 26,587 members of
     * a half on a smart TV after reading and testing the half's 500,000 customer rows (about 180 ms a half at 1M); now
     * one scan of the orders of its 106,599 members finds the 89 with such an order, and only their rows are read
     * (about 60 ms; docs/benchmarks.md, session 59). Same members: a member is kept exactly when an order or event of
     * its own matches, since the outer member is one of {@link #memberKeys} (the same run, segment and key range) and
     * the keys found are never null. Only as a conjunct: inside an {@code or} or a {@code not} PostgreSQL would search
     * the array for every member (no index condition), so those keep their {@code exists}.
     */
    private SqlFragment membersWithSome(Operand.Aggregate aggregate) {
        boolean orders = aggregate.source().match(fromOrders -> true, fromEvents -> false);
        return of("(" + customerKey + " = any(array(select distinct " + (orders ? "o" : "i") + ".customer_key",
                items(aggregate, true, of("any(array(", memberKeys, "))")), ")))");
    }

    /**
     * A comparison of an order or event aggregate that is a conjunct of the whole rule, over a run's members
     * ({@link #memberKeys}), when a member without any such item never matches it ({@link #noneNeverMatches}): the
     * member's key among the keys of those members whose items, grouped by customer, satisfy the comparison, found by
     * one scan of the orders' (or events') index for all the members' keys at once, as {@link #membersWithSome} finds
     * theirs, instead of one correlated aggregate per member. The benchmark's {@code sum(orders.amount within 365 days)
     * > 200} in {@code loyal_customers} probed the orders' index once for each of a half's 74,758 members (about 225,000
     * buffers, 215-230 ms a half at 1M in psql); grouped, one scan of their 247,655 orders in the window (30,000 buffers)
     * gives the 66,189 keys kept, which the members' own index scan takes as its condition (170-185 ms; docs/benchmarks.md,
     * session 60). Same members: a member with items has the same items, so the same value, in its group as in its own
     * subquery (the same from, where and value); a member without any has no group, and is kept by neither form since the
     * comparison is false for the value of no items. Only as a conjunct, for the same reason as {@link #membersWithSome}.
     */
    private SqlFragment membersWhose(Condition.Comparison comparison, Operand.Aggregate aggregate) {
        AggregateParts parts = aggregateParts(aggregate);
        String key = parts.alias() + ".customer_key";
        SqlFragment literal = literal(comparison.value(), FieldType.NUMBER, comparison.operand(), null);
        return of("(" + customerKey + " = any(array(select " + key, parts.from().apply(of("any(array(", memberKeys, "))")),
                " group by " + key + " having coalesce((", parts.select(), " " + symbol(comparison.operator()) + " ", literal, "), false))))");
    }

    /**
     * Whether an aggregate's comparison with a number is false for a customer without any of its items: a count, sum
     * or distinct count is then 0, an average missing (false whatever the comparison).
     */
    private static boolean noneNeverMatches(Condition.Comparison comparison, Operand.Aggregate aggregate) {
        Optional<BigDecimal> number = comparison.value().asNumber();
        if (number.isEmpty()) {
            return false;
        }
        int zero = BigDecimal.ZERO.compareTo(number.get());
        boolean zeroMatches = switch (comparison.operator()) {
            case EQUALS -> zero == 0;
            case NOT_EQUALS -> zero != 0;
            case LESS -> zero < 0;
            case LESS_OR_EQUAL -> zero <= 0;
            case GREATER -> zero > 0;
            case GREATER_OR_EQUAL -> zero >= 0;
            default -> true;   // not a comparison of numbers
        };
        return aggregate.function() == AggregateFunction.AVG ? comparisonOfNumbers(comparison) : !zeroMatches;
    }

    private static boolean comparisonOfNumbers(Condition.Comparison comparison) {
        return switch (comparison.operator()) {
            case EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> true;
            default -> false;
        };
    }

    /**
     * Whether a comparison of a count asks only "at least one" (true: {@code > 0}, {@code >= 1}) or "none" (false:
     * {@code = 0}, {@code < 1}, {@code <= 0}, and the same with any bound between 0 and 1). Such a comparison compiles
     * to EXISTS, which stops at the first matching order or event instead of counting them all (and sorting them, for
     * distinct orders): the most common shape of an order-lines rule, {@code count(orders where category = … within N
     * days) >= 1}. A count is never negative nor missing, so the meaning is the same.
     */
    private static Optional<Boolean> someOrNone(Condition.Comparison comparison) {
        boolean counts = comparison.operand().match(field -> false, aggregate -> aggregate.function() == AggregateFunction.COUNT);
        Optional<BigDecimal> number = comparison.value().asNumber();
        if (!counts || number.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal bound = number.get();
        boolean zeroToBelowOne = bound.signum() >= 0 && bound.compareTo(BigDecimal.ONE) < 0;   // 0 <= bound < 1
        boolean aboveZeroToOne = bound.signum() > 0 && bound.compareTo(BigDecimal.ONE) <= 0;   // 0 < bound <= 1
        return switch (comparison.operator()) {
            case GREATER -> zeroToBelowOne ? Optional.of(true) : Optional.empty();
            case GREATER_OR_EQUAL -> aboveZeroToOne ? Optional.of(true) : Optional.empty();
            case EQUALS -> bound.signum() == 0 ? Optional.of(false) : Optional.empty();
            case LESS -> aboveZeroToOne ? Optional.of(false) : Optional.empty();
            case LESS_OR_EQUAL -> zeroToBelowOne ? Optional.of(false) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private SqlFragment comparison(Condition.Comparison comparison, FieldType type, Source scope) {
        SqlFragment value = operand(comparison.operand(), scope, type);
        SqlFragment literal = literal(comparison.value(), type, comparison.operand(), scope);
        return switch (comparison.operator()) {
            case CONTAINS -> of("(strpos(", value, ", ", literal, ") > 0)");
            case STARTS_WITH -> of("starts_with(", value, ", ", literal, ")");
            default -> of("(", value, " ", symbol(comparison.operator()), " ", literal, ")");
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

    /** As the reference: aggregates are numbers; event properties compare as numbers only with a number. */
    private FieldType typeOf(Operand operand, Value value, Source scope) {
        return operand.match(field -> field(field, scope).comparedAs(value), aggregate -> FieldType.NUMBER);
    }

    private RuleField field(Operand.Field field, Source scope) {
        return (scope == null ? catalogue.customerField(field.name()) : catalogue.sourceField(scope, field.name()))
                .orElseThrow(() -> new IllegalStateException("field '" + field.name() + "' was not checked against this catalogue"));
    }

    /** As the reference: a number compared with a prediction (double precision) is the nearest double. */
    private SqlFragment literal(Value value, FieldType type, Operand operand, Source scope) {
        SqlFragment literal = literal(value, type);
        boolean predicted = operand.match(field -> field(field, scope).isPrediction(), aggregate -> false);
        return predicted && value.isNumber() ? of("(", literal, ")::float8") : literal;
    }

    private SqlFragment literal(Value value, FieldType type) {
        return value.accept(new Value.Visitor<>() {
            @Override
            public SqlFragment text(Value.Text text) {
                return type == FieldType.DATE ? bind(Date.valueOf(LocalDate.parse(text.text())), "date") : bind(text.text(), "text");
            }

            @Override
            public SqlFragment decimal(Value.Decimal decimal) {
                return bind(decimal.number(), "numeric");
            }

            @Override
            public SqlFragment bool(Value.Bool bool) {
                return bind(bool.value(), "boolean");
            }

            @Override
            public SqlFragment daysAgo(Value.DaysAgo daysAgo) {
                return bind(Date.valueOf(asOf.minusDays(daysAgo.days())), "date");
            }
        });
    }

    /** The operand's typed value, NULL when missing. {@code type} null means the field's own type (presence tests). */
    private SqlFragment operand(Operand operand, Source scope, FieldType type) {
        return operand.match(field -> read(field(field, scope), type), this::aggregate);
    }

    private SqlFragment read(RuleField field, FieldType type) {
        customerRowRead |= field.accept(ON_CUSTOMER_ROW);
        return field.accept(new RuleField.Visitor<>() {
            @Override
            public SqlFragment profileAttribute(RuleField.ProfileAttribute profile) {
                String column = "c." + profile.field().column(); // a fixed enum of the contract's columns
                return profile.type() == FieldType.TEXT ? sql("nullif(" + column + ", '')") : sql(column);
            }

            @Override
            public SqlFragment customAttribute(RuleField.CustomAttribute custom) {
                return typedText(of("(c.attributes ->> ", bind(custom.name(), "text"), ")"), custom.type());
            }

            @Override
            public SqlFragment customerId(RuleField.CustomerIdField customerId) {
                return sql("c.customer_id");
            }

            @Override
            public SqlFragment eventProperty(RuleField.EventProperty property) {
                return typedText(of("(i.properties ->> ", bind(property.fieldName(), "text"), ")"), type == null ? FieldType.TEXT : type);
            }

            @Override
            public SqlFragment purchaseMetric(PurchaseMetric metric) {
                return metric(metric);
            }

            @Override
            public SqlFragment rfmScore(RfmScore score) {
                return sql(assignment + "." + score.fieldName() + "::numeric");
            }

            @Override
            public SqlFragment orderLineField(OrderLineField line) {
                // empty text is missing, as in the reference
                return line.type() == FieldType.TEXT ? sql("nullif(i." + line.fieldName() + ", '')") : sql("i." + line.fieldName());
            }

            @Override
            public SqlFragment predicted(PredictedField predicted) {
                // the run's stored prediction (a fixed enum's column); no row, or a run not fitted, reads as missing
                return of("(select p." + predicted.fieldName() + " from run_customer_predictions p where p.run_id = ", predictionsRun,
                        " and p.customer_key = c.customer_key)");
            }
        });
    }

    /** Stored text as a value only in its strict form, as AttributeValues reads it. */
    private static SqlFragment typedText(SqlFragment text, FieldType type) {
        return switch (type) {
            case TEXT -> of("nullif(", text, ", '')");
            case NUMBER -> of("(case when ", text, " ~ " + NUMBER_PATTERN + " then ", text, "::numeric end)");
            // a real day by arithmetic, not pg_input_is_valid (PostgreSQL 16+): the year is not 0000, the month 01-12 and
            // the day within that month's length; the inner case keeps make_date from seeing a month that does not exist
            case DATE -> of("(case when ", text, " ~ " + DATE_PATTERN + " and substr(", text, ", 1, 4) <> '0000' and substr(", text,
                    ", 6, 2) between '01' and '12' then (case when substr(", text, ", 9, 2)::int between 1 and extract(day from make_date(substr(",
                    text, ", 1, 4)::int, substr(", text, ", 6, 2)::int, 1) + interval '1 month - 1 day')::int then ", text, "::date end) end)");
            case BOOLEAN -> of("(case lower(", text, ") when 'true' then true when 'false' then false end)");
        };
    }

    private SqlFragment metric(PurchaseMetric metric) {
        return switch (metric) {
            case RECENCY_DAYS -> sql(assignment + ".recency_days::numeric");
            case FREQUENCY -> sql(assignment + ".frequency::numeric");
            case MONETARY -> sql(assignment + ".monetary");
            case AVG_ORDER_VALUE -> sql("(case when " + assignment + ".frequency > 0 then round(" + assignment + ".monetary / " + assignment
                    + ".frequency, 4) end)");
            case TENURE_DAYS -> of("(select (", bind(Date.valueOf(asOf), "date"), " - min((o.ordered_at at time zone 'UTC')::date))::numeric "
                    + "from orders o where o.customer_key = " + customerKey + " and o.total > 0 and o.ordered_at < ", end(), ")");
            case CATEGORIES -> of("(case when " + assignment + ".frequency > 0 then (select count(distinct l.category)::numeric from orders o "
                    + "join order_lines l on l.order_key = o.order_key where o.customer_key = " + customerKey + " and o.total > 0 "
                    + "and o.ordered_at < ", end(), " and l.category <> '') end)");
        };
    }

    private SqlFragment orderWindow(Operand.Aggregate aggregate) {
        if (aggregate.withinDays().isEmpty()) {
            return sql("");
        }
        SqlFragment window = of(" and o.ordered_at >= ", windowStart(aggregate));
        return categoryBits == null ? window : of(window, " and ", windowMayHoldOrders(aggregate));
    }

    /**
     * Over a run's members (previews and tactical memberships, where {@link #categoryBits} is known): false when the
     * window starts after the latest order any import has written ({@code purchase_facts_horizon}, advanced in every
     * orders import's transaction and never lowered, the bound the runs' facts rely on), so no order is in it; true
     * otherwise, and when there is no horizon. Uncorrelated, so PostgreSQL evaluates it once per statement, on the
     * statement's own snapshot, as a one-time filter over the probe of each member's orders: a window that holds no
     * order costs no probe (at 10M a 180-day rule in {@code champions}, 300,099 members, on orders that end in 2023,
     * probed the orders' index for each member: 1.6-1.8 s at its first request, 0.05-0.09 s with this; docs/benchmarks.md,
     * session 41). The answer is the same with or without it: no order is after the horizon.
     */
    private SqlFragment windowMayHoldOrders(Operand.Aggregate aggregate) {
        return of("(select h.latest_ordered_at >= ", windowStart(aggregate), " from purchase_facts_horizon h) is not false");
    }

    private SqlFragment windowStart(Operand.Aggregate aggregate) {
        return bind(Timestamp.from(asOf.minusDays(aggregate.withinDays().getAsInt()).atStartOfDay(ZoneOffset.UTC).toInstant()), "timestamptz");
    }

    private SqlFragment end() {
        return bind(Timestamp.from(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()), "timestamptz");
    }

    private SqlFragment aggregate(Operand.Aggregate aggregate) {
        AggregateParts parts = aggregateParts(aggregate);
        return of("(select ", parts.select(), parts.from().apply(sql(customerKey)), ")");
    }

    /**
     * An aggregate as its value ({@code select}, over the items of one customer) and the from and where of the items of
     * the customers whose key is the fragment given ({@code from}: what follows {@code customer_key = }, the member's key
     * or {@code any(array(…))} of a parent's members), whose customer key is {@code alias}{@code .customer_key}.
     */
    private record AggregateParts(SqlFragment select, java.util.function.Function<SqlFragment, SqlFragment> from, String alias) {
    }

    private AggregateParts aggregateParts(Operand.Aggregate aggregate) {
        boolean orders = aggregate.source().match(fromOrders -> true, fromEvents -> false);
        if (orders && aggregate.filter().isEmpty()) {
            // without a condition on lines, counting orders and summing line amounts need only the per-order totals
            if (aggregate.function() == AggregateFunction.COUNT) {
                return new AggregateParts(sql("count(*)::numeric"),
                        key -> of(" from orders o where o.customer_key = ", key, " and o.ordered_at < ", end(), orderWindow(aggregate)), "o");
            }
            if (aggregate.function() == AggregateFunction.SUM
                    && field(new Operand.Field(aggregate.field().orElseThrow()), aggregate.source()) == OrderLineField.AMOUNT) {
                return new AggregateParts(sql("coalesce(sum(o.total), 0)"),
                        key -> of(" from orders o where o.customer_key = ", key, " and o.ordered_at < ", end(), orderWindow(aggregate)), "o");
            }
        }
        Optional<SqlFragment> byCategories = orders && aggregate.function() == AggregateFunction.COUNT
                ? aggregate.filter().flatMap(filter -> categoriesMatch(filter, aggregate.source()))
                : Optional.empty();
        if (byCategories.isPresent()) {
            return new AggregateParts(sql("count(*)::numeric"),
                    key -> of(" from orders o where o.customer_key = ", key, " and o.ordered_at < ", end(), orderWindow(aggregate), " and ", byCategories.get()), "o");
        }
        SqlFragment select;
        if (aggregate.function() == AggregateFunction.COUNT) {
            select = sql(orders ? "count(distinct o.order_key)::numeric" : "count(*)::numeric");
        } else {
            FieldType type = aggregate.function() == AggregateFunction.DISTINCT ? null : FieldType.NUMBER;
            SqlFragment value = operand(new Operand.Field(aggregate.field().orElseThrow()), aggregate.source(), type);
            select = switch (aggregate.function()) {
                case DISTINCT -> of("count(distinct ", value, ")::numeric");
                case SUM -> of("coalesce(sum(", value, "), 0)");
                case AVG -> of("round(avg(", value, "), 4)");
                case COUNT -> throw new IllegalStateException("handled above");
            };
        }
        return new AggregateParts(select, key -> items(aggregate, false, key), orders ? "o" : "i");
    }

    /**
     * The from and where of the items an aggregate reads: lines of the customer's orders, or events of one type;
     * {@code ordersWillDo} when only whether an order exists matters, so without a condition on lines the orders suffice.
     */
    private SqlFragment items(Operand.Aggregate aggregate, boolean ordersWillDo) {
        return items(aggregate, ordersWillDo, sql(customerKey));
    }

    /**
     * As {@link #items(Operand.Aggregate, boolean)}, the items of the customers whose key is {@code key} (what follows
     * {@code customer_key = }: the member's key, or {@code any(array(…))} of the parent's members, see
     * {@link #membersWithSome}).
     */
    private SqlFragment items(Operand.Aggregate aggregate, boolean ordersWillDo, SqlFragment key) {
        boolean orders = aggregate.source().match(fromOrders -> true, fromEvents -> false);
        if (orders && ordersWillDo && aggregate.filter().isEmpty()) {
            // orders without a condition on lines: the per-order totals will do
            return of(" from orders o where o.customer_key = ", key, " and o.ordered_at < ", end(), orderWindow(aggregate));
        }
        Optional<SqlFragment> byCategories = orders && ordersWillDo
                ? aggregate.filter().flatMap(filter -> categoriesMatch(filter, aggregate.source()))
                : Optional.empty();
        if (byCategories.isPresent()) {
            return of(" from orders o where o.customer_key = ", key, " and o.ordered_at < ", end(), orderWindow(aggregate),
                    " and ", byCategories.get());
        }
        SqlFragment from = aggregate.source().match(
                fromOrders -> of(" from orders o join order_lines i on i.order_key = o.order_key where o.customer_key = ", key,
                        " and o.ordered_at < ", end()),
                events -> of(" from events i where i.customer_key = ", key, " and i.event_type = ",
                        bind(events.type(), "text"), " and i.occurred_at < ", end()));
        SqlFragment window = orders ? orderWindow(aggregate) : aggregate.withinDays().isPresent()
                ? of(" and i.occurred_at >= ", windowStart(aggregate))
                : sql("");
        SqlFragment filter = aggregate.filter().map(f -> of(" and ", condition(f, aggregate.source()))).orElse(sql(""));
        return of(from, window, filter);
    }

    /**
     * For a condition on lines that asks only whether a line's category is one of some texts ({@code category = "kids"},
     * {@code category in ("kids", "home")}, or such parts joined by {@code or}): whether order {@code o} has such a line,
     * read from {@code orders.categories} (the distinct non-empty categories of its lines, changeset 185) instead of its
     * lines. An order whose categories are not known (NULL: not written by an import) reads its lines, so the answer is
     * the same either way. Empty otherwise. The lines are read by a function (changeset 320), not an EXISTS: a subplan in
     * the filter would keep the probe of the orders out of PostgreSQL's parallel workers (issue 19 item 3).
     */
    private Optional<SqlFragment> categoriesMatch(Condition filter, Source source) {
        return categoriesAskedFor(filter, source).map(categories -> {
            SqlFragment array = of("array[", SqlFragment.join(categories.stream().map(category -> bind(category, "text")).toList(), ", "), "]::text[]");
            OptionalLong bits = bitsOf(categories);
            if (bits.isPresent()) {
                return of("coalesce((o.category_mask & ", bind(bits.getAsLong(), "bigint"), ") <> 0, order_in_categories(o.order_key, ", array, "))");
            }
            return of("coalesce(o.categories && ", array, ", order_has_line_in_categories(o.order_key, ", array, "))");
        });
    }

    /**
     * The bits of the asked categories, when the orders' masks may answer for them: {@link #categoryBits} known and
     * every asked non-empty category in it (an empty text is no category: no bit). An order whose mask is not NULL has
     * the bit of each of its categories that has one (and bit 62 for any other), so {@code mask & bits <> 0} says
     * exactly whether it has a line of an asked category; a NULL mask (categories not known, or an import whose new
     * bits another import took meanwhile) reads its categories or lines through {@code order_in_categories}, by the
     * order's key. The orders' index carries the mask and the key, so the probe of a member's orders is index-only:
     * the orders' heap is not read (issue 19 item 3: the 1,500-day preview in champions at 10M read 1.4 heap pages of
     * orders per member, 3-6 s warm). A bit read before the statement is still that category's when it runs (a bit is
     * never given again nor taken back); a category without a bit then may have one by the time the statement runs,
     * so such a rule reads {@code orders.categories} as before. The bits are a bind parameter, not subqueries (init plans
     * in the members' probe, a first form; docs/benchmarks.md "Session 35").
     */
    private OptionalLong bitsOf(List<String> categories) {
        if (categoryBits == null) {
            return OptionalLong.empty();
        }
        long bits = 0;
        for (String category : categories) {
            if (category.isEmpty()) {
                continue;
            }
            Integer bit = categoryBits.get(category);
            if (bit == null) {
                return OptionalLong.empty();
            }
            bits |= 1L << bit;
        }
        return OptionalLong.of(bits);
    }

    /** The categories a condition on lines asks for, when it asks for nothing else (see {@link #categoriesMatch}). */
    private Optional<List<String>> categoriesAskedFor(Condition filter, Source source) {
        return filter.accept(new Condition.Visitor<Optional<List<String>>>() {
            @Override
            public Optional<List<String>> allOf(Condition.AllOf all) {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> anyOf(Condition.AnyOf any) {
                List<String> categories = new java.util.ArrayList<>();
                for (Condition part : any.parts()) {
                    Optional<List<String>> asked = categoriesAskedFor(part, source);
                    if (asked.isEmpty()) {
                        return Optional.empty();
                    }
                    categories.addAll(asked.get());
                }
                return Optional.of(categories);
            }

            @Override
            public Optional<List<String>> not(Condition.Not not) {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> comparison(Condition.Comparison comparison) {
                return comparison.operator() == Operator.EQUALS && isCategory(comparison.operand())
                        ? comparison.value().asText().map(List::of)
                        : Optional.empty();
            }

            @Override
            public Optional<List<String>> between(Condition.Between between) {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> inList(Condition.InList in) {
                if (in.negated() || !isCategory(in.operand()) || !in.values().stream().allMatch(Value::isText)) {
                    return Optional.empty();
                }
                return Optional.of(in.values().stream().map(value -> value.asText().orElseThrow()).toList());
            }

            @Override
            public Optional<List<String>> presence(Condition.Presence presence) {
                return Optional.empty();
            }

            private boolean isCategory(Operand operand) {
                return operand.match(field -> field(field, source) == OrderLineField.CATEGORY, aggregate -> false);
            }
        });
    }
}
