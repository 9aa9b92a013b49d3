package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.ProfileField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names a rule can use: profile fields, custom attributes with their inferred types, purchase metrics, RFM
 * scores, the run's predictions ({@link PredictedField}) and {@code customer_id}; plus the event types and property
 * names seen so far. It checks parsed rules and offers completions. Built-in names win: a custom attribute called {@code frequency} is not reachable.
 */
public record FieldCatalogue(Map<String, FieldType> attributes, Map<String, Set<String>> eventProperties) {

    static final Map<String, RuleField> BUILT_IN = builtIn();

    public FieldCatalogue {
        TreeMap<String, FieldType> reachable = new TreeMap<>(attributes);
        reachable.keySet().removeIf(name -> BUILT_IN.containsKey(name) || !Operand.Field.isValidName(name));
        reachable.values().forEach(type -> Objects.requireNonNull(type, "attribute type"));
        attributes = Collections.unmodifiableMap(reachable);
        TreeMap<String, Set<String>> events = new TreeMap<>();
        eventProperties.forEach((type, properties) -> {
            if (Event.isValidType(type)) {
                events.put(type, Collections.unmodifiableSet(new TreeSet<>(properties)));
            }
        });
        eventProperties = Collections.unmodifiableMap(events);
    }

    /** Only the built-in fields: no custom attributes, no events seen. */
    public static FieldCatalogue builtInOnly() {
        return new FieldCatalogue(Map.of(), Map.of());
    }

    /** Parses and checks a rule text in one go. */
    public CheckedRule check(String text) {
        return check(RuleParser.parse(text));
    }

    /** Checks names and types; throws {@link RuleValidationError} listing every problem with its position. */
    public CheckedRule check(Rule rule) {
        return RuleCheck.run(rule, this);
    }

    /** A name at customer level: built-in field or custom attribute. */
    public Optional<RuleField> customerField(String name) {
        RuleField builtIn = BUILT_IN.get(name);
        if (builtIn != null) {
            return Optional.of(builtIn);
        }
        FieldType type = attributes.get(name);
        return type == null ? Optional.empty() : Optional.of(new RuleField.CustomAttribute(name, type));
    }

    /** A name inside an aggregate over {@code source}: an order line field, or any event property. */
    public Optional<RuleField> sourceField(Source source, String name) {
        return source.match(
                orders -> Arrays.stream(OrderLineField.values()).filter(f -> f.fieldName().equals(name)).findFirst().map(f -> f),
                events -> Optional.of(new RuleField.EventProperty(name)));
    }

    public Set<String> eventTypes() {
        return eventProperties.keySet();
    }

    /** Every name usable at customer level, sorted. */
    public List<String> customerFieldNames() {
        return Stream.concat(BUILT_IN.keySet().stream(), attributes.keySet().stream()).sorted().collect(Collectors.toList());
    }

    /** Completions for a name being typed at customer level: field names, then aggregate openings such as {@code count(}. */
    public List<String> complete(String prefix) {
        List<String> names = new ArrayList<>(startingWith(customerFieldNames(), prefix));
        Arrays.stream(AggregateFunction.values()).map(f -> f.keyword() + "(")
                .filter(opening -> opening.startsWith(prefix)).forEach(names::add);
        return names;
    }

    public List<String> completeOrderLineFields(String prefix) {
        return startingWith(Arrays.stream(OrderLineField.values()).map(OrderLineField::fieldName).sorted().collect(Collectors.toList()), prefix);
    }

    public List<String> completeEventTypes(String prefix) {
        return startingWith(eventTypes(), prefix);
    }

    public List<String> completeEventProperties(String eventType, String prefix) {
        return startingWith(eventProperties.getOrDefault(eventType, Set.of()), prefix);
    }

    private static List<String> startingWith(Collection<String> names, String prefix) {
        return names.stream().filter(name -> name.startsWith(prefix)).sorted().collect(Collectors.toList());
    }

    private static Map<String, RuleField> builtIn() {
        Map<String, RuleField> fields = new LinkedHashMap<>();
        for (ProfileField field : ProfileField.values()) {
            fields.put(field.column(), new RuleField.ProfileAttribute(field));
        }
        fields.put("customer_id", new RuleField.CustomerIdField());
        for (PurchaseMetric metric : PurchaseMetric.values()) {
            fields.put(metric.fieldName(), metric);
        }
        for (RfmScore score : RfmScore.values()) {
            fields.put(score.fieldName(), score);
        }
        for (PredictedField predicted : PredictedField.values()) {
            fields.put(predicted.fieldName(), predicted);
        }
        return Collections.unmodifiableMap(fields);
    }
}
