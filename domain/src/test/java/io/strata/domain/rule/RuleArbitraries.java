package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.history.WallClockInstants;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.prediction.CustomerPrediction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Generators for rules and customers. {@link #anyRules()} covers every form of the grammar (odd names, escapes,
 * keywords as names) for print/parse round trips; {@link #validRules()} only builds rules that
 * {@link #CATALOGUE} accepts, over values that {@link #subjects()} actually contains, so that an SQL compiler
 * can be compared with the reference evaluator on them.
 */
public final class RuleArbitraries {

    public static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    public static final FieldCatalogue CATALOGUE = new FieldCatalogue(
            Map.of("device", FieldType.TEXT, "vip_level", FieldType.NUMBER, "renewal", FieldType.DATE,
                    "has_kids", FieldType.BOOLEAN),
            Map.of("email_open", Set.of("campaign"), "session", Set.of("ip", "minutes")));

    /**
     * Text that SQL built by pasting would get wrong: quotes, LIKE's {@code %} and {@code _}, backslashes, an injection,
     * letters outside ASCII and an emoji (two UTF-16 chars). Stored data and rule literals both draw on it.
     */
    public static final List<String> HOSTILE_TEXTS = List.of("O'Brien's", "'", "100%", "%", "a_b", "_", "back\\slash", "\\",
            "x' or '1'='1", "Zürich", "\uD83D\uDCFA tv", "--", "a\"b");

    static final List<String> TEXTS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("Paris", "Riga", "kids", "toys", "web", "store", "a", "smart_tv", "1.1.1.1", "c1", "5", "kids' toys"),
            HOSTILE_TEXTS.stream()).toList();
    static final List<String> CATEGORIES = List.of("kids", "toys", "books", "kids' toys", "50%_off");
    static final List<String> CHANNELS = List.of("web", "store");

    /**
     * Amounts of 4 places whose averages over two values fall on ties (0.0002 and 0.0003 average 0.00025: 0.0003
     * half-up, 0.0002 half-even); rules compare with them too.
     */
    static final List<String> TIE_AMOUNTS = List.of("0.0001", "0.0002", "0.0003", "0.0004", "-0.0002", "-0.0003", "1.0001");

    private RuleArbitraries() {
    }

    // ---- any syntactically valid rule -------------------------------------------------------------------

    public static Arbitrary<Rule> anyRules() {
        Arbitrary<Condition> lineConditions = conditions(1, predicates(anyNames().map(Operand.Field::new), anyValues()));
        Arbitrary<Operand> operands = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, anyNames().map(Operand.Field::new)),
                net.jqwik.api.Tuple.of(1, aggregates(lineConditions)));
        return conditions(3, predicates(operands, anyValues())).map(Rule::new);
    }

    static Arbitrary<String> anyNames() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '0', '7', 'Q')
                .ofMinLength(1).ofMaxLength(8).filter(s -> !Character.isDigit(s.charAt(0)));
        Arbitrary<String> odd = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '✓')
                .ofMinLength(1).ofMaxLength(6).filter(Operand.Field::isValidName);
        return Arbitraries.oneOf(plain, odd, Arbitraries.of("and", "OR", "not", "in", "null", "days", "count", "orders", "where"));
    }

    static Arbitrary<Value> anyValues() {
        Arbitrary<String> texts = Arbitraries.strings().withCharRange(' ', '~').withChars('"', '\\', '\n', '\t', 'é', '\u007f', '✓')
                .ofMaxLength(8);
        return Arbitraries.oneOf(
                texts.map(Value.Text::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-100000"), new BigDecimal("100000")).ofScale(3)
                        .map(Value.Decimal::new),
                Arbitraries.integers().between(-5, 5000).map(i -> new Value.Decimal(BigDecimal.valueOf(i))),
                Arbitraries.of(true, false).map(Value.Bool::new),
                Arbitraries.integers().between(0, Rule.MAX_DAYS).map(Value.DaysAgo::new));
    }

    static Arbitrary<Operand> aggregates(Arbitrary<Condition> filters) {
        Arbitrary<Source> sources = Arbitraries.oneOf(Arbitraries.just(Source.ORDERS),
                Arbitraries.of("email_open", "session", "page.view").map(Source.Events::new));
        Arbitrary<Optional<Condition>> filter = filters.optional();
        Arbitrary<OptionalInt> within = Arbitraries.integers().between(0, Rule.MAX_DAYS).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Combinators.combine(Arbitraries.of(AggregateFunction.class), sources, anyNames(), filter, within)
                .as((function, source, field, where, days) -> new Operand.Aggregate(function, source,
                        function.needsField() ? Optional.of(field) : Optional.empty(), where, days));
    }

    static Arbitrary<Condition> predicates(Arbitrary<? extends Operand> operands, Arbitrary<Value> values) {
        Arbitrary<Operand> ops = operands.map(o -> o);
        return Arbitraries.oneOf(
                Combinators.combine(ops, Arbitraries.of(Operator.class), values).as(Condition.Comparison::new),
                Combinators.combine(ops, values, values).as(Condition.Between::new),
                Combinators.combine(ops, Arbitraries.of(true, false), values.list().ofMinSize(1).ofMaxSize(4))
                        .as(Condition.InList::new),
                Combinators.combine(ops, Arbitraries.of(true, false)).as(Condition.Presence::new));
    }

    /** And, or, not over the given predicates, at most {@code depth} levels deep. */
    static Arbitrary<Condition> conditions(int depth, Arbitrary<Condition> predicates) {
        if (depth == 0) {
            return predicates;
        }
        Arbitrary<Condition> inner = conditions(depth - 1, predicates);
        Arbitrary<List<Condition>> parts = inner.list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, predicates),
                net.jqwik.api.Tuple.of(2, parts.map(Condition.AllOf::new)),
                net.jqwik.api.Tuple.of(2, parts.map(Condition.AnyOf::new)),
                net.jqwik.api.Tuple.of(1, inner.map(Condition.Not::new)));
    }

    // ---- rules valid for CATALOGUE -------------------------------------------------------------------------

    /** Rules that {@link #CATALOGUE} accepts, two levels of and/or/not over typed predicates and aggregates. */
    public static Arbitrary<Rule> validRules() {
        List<Arbitrary<Condition>> customer = new ArrayList<>();
        FieldCatalogue.BUILT_IN.values().forEach(field -> customer.add(typed(new Operand.Field(field.fieldName()), field.type())));
        CATALOGUE.attributes().forEach((name, type) -> customer.add(typed(new Operand.Field(name), type)));
        Arbitrary<Condition> aggregatePredicates = validAggregates().flatMap(a -> typed(a, FieldType.NUMBER));
        return conditions(2, Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.oneOf(customer)),
                net.jqwik.api.Tuple.of(2, aggregatePredicates))).map(Rule::new);
    }

    static Arbitrary<Operand.Aggregate> validAggregates() {
        Arbitrary<Condition> lineFilter = conditions(1, Arbitraries.oneOf(
                typed(new Operand.Field("category"), FieldType.TEXT), typed(new Operand.Field("channel"), FieldType.TEXT),
                typed(new Operand.Field("sku"), FieldType.TEXT), typed(new Operand.Field("amount"), FieldType.NUMBER),
                typed(new Operand.Field("quantity"), FieldType.NUMBER)));
        Function<String, Arbitrary<Condition>> eventFilter = type -> conditions(1, Arbitraries.of(
                "ip", "minutes", "campaign").flatMap(p -> Arbitraries.oneOf(typed(new Operand.Field(p), FieldType.TEXT),
                propertyAsNumber(new Operand.Field(p)))));
        Arbitrary<OptionalInt> within = Arbitraries.integers().between(0, 400).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        Arbitrary<Operand.Aggregate> orders = Combinators.combine(
                Arbitraries.of(AggregateFunction.class), Arbitraries.of("amount", "quantity", "category", "channel", "sku"),
                lineFilter.optional(), within).as((function, field, where, days) -> {
                    String usable = function == AggregateFunction.DISTINCT || field.equals("amount") || field.equals("quantity")
                            ? field : "amount";
                    return new Operand.Aggregate(function, Source.ORDERS,
                            function.needsField() ? Optional.of(usable) : Optional.empty(), where, days);
                });
        Arbitrary<Operand.Aggregate> events = Arbitraries.of("email_open", "session").flatMap(type -> Combinators.combine(
                Arbitraries.of(AggregateFunction.class), Arbitraries.of("ip", "minutes", "campaign"),
                eventFilter.apply(type).optional(), within).as((function, property, where, days) ->
                new Operand.Aggregate(function, new Source.Events(type),
                        function.needsField() ? Optional.of(property) : Optional.empty(), where, days)));
        return Arbitraries.oneOf(orders, events);
    }

    /** Predicates on one operand of a known type, with values of that type. */
    static Arbitrary<Condition> typed(Operand operand, FieldType type) {
        Arbitrary<Value> values = valuesOf(type);
        Arbitrary<Condition> presence = Arbitraries.of(true, false).map(p -> new Condition.Presence(operand, p));
        Arbitrary<Condition> equality = Combinators.combine(Arbitraries.of(Operator.EQUALS, Operator.NOT_EQUALS), values)
                .as((op, v) -> new Condition.Comparison(operand, op, v));
        if (type == FieldType.BOOLEAN) {
            return Arbitraries.oneOf(presence, equality);
        }
        Arbitrary<Condition> in = Combinators.combine(Arbitraries.of(true, false), values.list().ofMinSize(1).ofMaxSize(3))
                .as((negated, list) -> new Condition.InList(operand, negated, list));
        if (type == FieldType.TEXT) {
            Arbitrary<Condition> match = Combinators.combine(Arbitraries.of(Operator.CONTAINS, Operator.STARTS_WITH),
                    Arbitraries.of("a", "Ri", "k", "1.", "", "s", "%", "_", "'", "\\", "' or '", "ü", "\uD83D\uDCFA")).as((op, t) -> new Condition.Comparison(operand, op, new Value.Text(t)));
            return Arbitraries.oneOf(presence, equality, in, match);
        }
        List<Operator> ordering = type == FieldType.DATE
                ? List.of(Operator.LESS, Operator.LESS_OR_EQUAL, Operator.GREATER, Operator.GREATER_OR_EQUAL, Operator.BEFORE, Operator.AFTER)
                : List.of(Operator.LESS, Operator.LESS_OR_EQUAL, Operator.GREATER, Operator.GREATER_OR_EQUAL);
        Arbitrary<Condition> compare = Combinators.combine(Arbitraries.of(ordering), values)
                .as((op, v) -> new Condition.Comparison(operand, op, v));
        Arbitrary<Condition> between = Combinators.combine(values, values).as((low, high) -> new Condition.Between(operand, low, high));
        return Arbitraries.oneOf(presence, equality, in, compare, between);
    }

    static Arbitrary<Condition> propertyAsNumber(Operand operand) {
        Arbitrary<Value> numbers = valuesOf(FieldType.NUMBER);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.LESS, Operator.GREATER_OR_EQUAL), numbers)
                        .as((op, v) -> new Condition.Comparison(operand, op, v)),
                Combinators.combine(numbers, numbers).as((low, high) -> new Condition.Between(operand, low, high)));
    }

    static Arbitrary<Value> valuesOf(FieldType type) {
        switch (type) {
            case TEXT:
                return Arbitraries.of(TEXTS).map(Value.Text::new);
            case NUMBER:
                return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.oneOf(Arbitraries.integers().between(-3, 10), Arbitraries.integers().between(-60, 400))
                                .map(i -> (Value) new Value.Decimal(BigDecimal.valueOf(i)))),
                        Tuple.of(1, Arbitraries.of(TIE_AMOUNTS).map(a -> (Value) new Value.Decimal(new BigDecimal(a)))));
            case BOOLEAN:
                return Arbitraries.of(true, false).map(Value.Bool::new);
            default:
                return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 800).map(Value.DaysAgo::new),
                        Arbitraries.integers().between(-400, 800).map(d -> new Value.Text(AS_OF.minusDays(d).toString())));
        }
    }

    // ---- customers ------------------------------------------------------------------------------------------

    /** Customers as of {@link #AS_OF} with a few profile values, attributes, orders and events around the date. */
    public static Arbitrary<RuleSubject> subjects() {
        return subjectsNamed(Arbitraries.of("c1", "c2", "c3", "Riga", "x' or '1'='1"), amounts());
    }

    /**
     * Populations of 1 to {@code maxSize} customers with distinct ids: c0, c1, … with a few ids that are also texts of
     * rules ({@code Riga}, an injection, a quote), so that a rule on {@code customer_id} selects someone.
     */
    public static Arbitrary<List<RuleSubject>> populations(int maxSize) {
        return populations(maxSize, amounts());
    }

    /** As {@link #populations(int)}, but every order line's amount is one of {@link #TIE_AMOUNTS}: many averages on ties. */
    public static Arbitrary<List<RuleSubject>> populationsOfTies(int maxSize) {
        return populations(maxSize, Arbitraries.of(TIE_AMOUNTS));
    }

    /**
     * Rules on an average (of order amounts or of session minutes, maybe within a window) compared with a value of 4
     * places: with {@link #populationsOfTies}, the rounding of a tie decides whom they select.
     */
    public static Arbitrary<Rule> averageRules() {
        Arbitrary<String> averages = Arbitraries.of("avg(orders.amount", "avg(events \"session\".minutes");
        Arbitrary<String> windows = Arbitraries.of("", " within 30 days", " within 365 days");
        Arbitrary<String> operators = Arbitraries.of("=", "!=", "<", "<=", ">", ">=");
        Arbitrary<String> values = Arbitraries.of("0.0001", "0.0002", "0.0003", "0.0004", "-0.0002", "-0.0003", "0.5002", "0.5003");
        return Combinators.combine(averages, windows, operators, values).as((avg, within, op, value) ->
                Rule.parse(avg + within + ") " + op + " " + value));
    }

    private static Arbitrary<List<RuleSubject>> populations(int maxSize, Arbitrary<String> amounts) {
        return Arbitraries.integers().between(1, maxSize).flatMap(size -> {
            List<Arbitrary<RuleSubject>> people = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String id = switch (i) {
                    case 1 -> "Riga";
                    case 2 -> "x' or '1'='1";
                    case 3 -> "O'Brien's";
                    default -> "c" + i;
                };
                people.add(subjectsNamed(Arbitraries.just(id), amounts));
            }
            return Combinators.combine(people).as(List::copyOf);
        });
    }

    static Arbitrary<RuleSubject> subjectsNamed(Arbitrary<String> ids, Arbitrary<String> amounts) {
        Arbitrary<Map<ProfileField, String>> profile = Combinators.combine(
                Arbitraries.of("Paris", "Riga", "", "O'Brien's", "100%", "a_b", "back\\slash", "x' or '1'='1", "Zürich", "\uD83D\uDCFA tv")
                        .injectNull(0.2),
                Arbitraries.of("ann@gmail.com", "a@web.lv", "o'neil+50%_off@web.lv").injectNull(0.3),
                Arbitraries.integers().between(-30, 800).injectNull(0.3),
                Arbitraries.of("true", "false").injectNull(0.3)).as((city, email, signupAgo, optIn) -> {
                    Map<ProfileField, String> values = new HashMap<>();
                    values.put(ProfileField.CITY, city);
                    values.put(ProfileField.EMAIL, email);
                    values.put(ProfileField.SIGNUP_DATE, signupAgo == null ? null : AS_OF.minusDays(signupAgo).toString());
                    values.put(ProfileField.EMAIL_OPT_IN, optIn);
                    return values;
                });
        Arbitrary<Map<String, String>> attributes = Combinators.combine(
                Arbitraries.of("smart_tv", "web", "a", "x' or '1'='1", "\uD83D\uDCFA tv", "%", "\\", "a\"b").injectNull(0.3), Arbitraries.of("1", "3", "-2.5", "abc", "3.0").injectNull(0.3),
                Arbitraries.of("2024-07-15", "2023-01-01", "soon", "2024-02-29", "2023-02-29", "2024-04-31", "2024-13-01",
                        "2024-00-10", "2024-12-00", "0000-01-01").injectNull(0.3), Arbitraries.of("true", "FALSE", "yes").injectNull(0.3))
                .as((device, vip, renewal, kids) -> {
                    Map<String, String> values = new HashMap<>();
                    values.put("device", device);
                    values.put("vip_level", vip);
                    values.put("renewal", renewal);
                    values.put("has_kids", kids);
                    return values;
                });
        Arbitrary<List<List<Object[]>>> orders = Combinators.combine(moments(), lines(amounts).list().ofMinSize(1).ofMaxSize(3))
                .as((at, lines) -> {
                    List<Object[]> withTime = new ArrayList<>();
                    lines.forEach(line -> withTime.add(new Object[]{at, line}));
                    return withTime;
                }).list().ofMaxSize(4);
        Arbitrary<List<Object[]>> events = Combinators.combine(Arbitraries.of("email_open", "session"), moments(),
                Arbitraries.of("1.1.1.1", "2.2.2.2", "", "5", "1.1.%", "_", "O'Brien's", "Zürich").injectNull(0.3),
                Arbitraries.oneOf(Arbitraries.of("3", "12.5", "x"), amounts).injectNull(0.3))
                .as((type, at, ip, minutes) -> new Object[]{type, at, ip, minutes}).list().ofMaxSize(5);
        Arbitrary<Integer> scores = Arbitraries.integers().between(1, 5).injectNull(0.2);
        return Combinators.combine(ids, profile, attributes, orders, events, scores, scores, scores)
                .as((id, values, attrs, orderList, eventList, r, f, m) -> subject(id, values, attrs, orderList, eventList, r, f, m))
                .flatMap(subject -> predictions().injectNull(0.3).map(subject::withPrediction));
    }

    /**
     * Predictions as a run stores them (doubles), often equal to a rule's literal as the nearest double or one step
     * beside it, where comparing the exact decimal instead of the double would differ.
     */
    static Arbitrary<CustomerPrediction> predictions() {
        Arbitrary<Double> near = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 400).map(Integer::doubleValue),
                Arbitraries.of(TIE_AMOUNTS).map(Double::parseDouble)).flatMap(d -> Arbitraries.of(d, Math.nextUp(d), Math.nextDown(d)));
        Arbitrary<Double> value = Arbitraries.oneOf(near, Arbitraries.doubles().between(0, 500), Arbitraries.of(0.3, 0.1, 1e-9, 0.0));
        return Combinators.combine(value, value, value, value, value, value).as(CustomerPrediction::new);
    }

    private static Arbitrary<String> amounts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(-50, 200).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of(TIE_AMOUNTS)));
    }

    private static Arbitrary<String[]> lines(Arbitrary<String> amounts) {
        return Combinators.combine(amounts, Arbitraries.of("1", "2", "0.5").injectNull(0.3),
                Arbitraries.of(CATEGORIES).injectNull(0.2), Arbitraries.of(CHANNELS).injectNull(0.2), Arbitraries.of("s1", "s2", "", "s_1", "s\\1").injectNull(0.4))
                .as((amount, quantity, category, channel, sku) -> new String[]{amount, quantity, category, channel, sku});
    }

    /**
     * Order and event times from a few days after {@link #AS_OF} to 400 days before it, often on the edges of a window
     * ({@code within N days} starts at D − N 00:00 UTC) and at local day ends far from UTC.
     */
    private static Arbitrary<Instant> moments() {
        Arbitrary<Integer> days = Arbitraries.oneOf(Arbitraries.integers().between(-5, 400), Arbitraries.of(-1, 0, 1, 7, 30, 90, 365));
        return Arbitraries.oneOf(WallClockInstants.onDay(AS_OF, days),
                Combinators.combine(days, Arbitraries.of(0, 1, 86_399)).as((d, second) -> AS_OF.minusDays(d).atStartOfDay(ZoneOffset.UTC)
                        .toInstant().plusSeconds(second)));
    }

    private static RuleSubject subject(String id, Map<ProfileField, String> profile, Map<String, String> attributes,
                                       List<List<Object[]>> orders, List<Object[]> events, Integer r, Integer f, Integer m) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        for (int o = 0; o < orders.size(); o++) {
            for (Object[] timedLine : orders.get(o)) {
                String[] line = (String[]) timedLine[1];
                lines.add(new OrderLine("o" + o, customerId, (Instant) timedLine[0], new BigDecimal(line[0]),
                        line[1] == null ? null : new BigDecimal(line[1]), line[2], line[4], line[3]));
            }
        }
        List<Event> eventList = new ArrayList<>();
        for (Object[] event : events) {
            Map<String, String> properties = new HashMap<>();
            if (event[2] != null) {
                properties.put(event[0].equals("session") ? "ip" : "campaign", (String) event[2]);
            }
            if (event[3] != null) {
                properties.put("minutes", (String) event[3]);
            }
            eventList.add(new Event(null, customerId, (String) event[0], (Instant) event[1], properties));
        }
        Customer customer = new Customer(customerId, profile, attributes);
        return RuleSubject.of(new CustomerHistory(customer, lines, eventList), AS_OF, r, f, m);
    }
}
