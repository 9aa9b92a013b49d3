package io.strata.domain.edit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revision is of the state, not of how the state was built or printed: one state held in sets and maps built in
 * different orders (and so printed in different orders by their toString, which is what a revision hashed before
 * session 52) has one revision, on every JVM; any changed component gives another one.
 */
class RevisionTest {

    enum Kind { PLAIN, SPECIAL }

    record Inner(String label, Set<Integer> numbers) {
    }

    /** Prints less than it holds, as a record that keeps something out of logs does. */
    record Terse(String shown, String hidden) {
        @Override
        public String toString() {
            return "Terse[" + shown + "]";
        }
    }

    record Edited(String name, Set<String> tags, Map<String, Integer> weights, Collection<String> bag, List<String> order,
                  Optional<String> note, Kind kind, Inner inner, Terse terse) {
    }

    // "Aa" and "BB" have one hashCode, so a HashSet or HashMap iterates them in the order they were put in
    private static final List<String> ONE_WAY = List.of("Aa", "BB", "tall");
    private static final List<String> OTHER_WAY = List.of("tall", "BB", "Aa");

    private static Edited built(List<String> insertion, java.util.function.Function<List<String>, Set<String>> set,
                                java.util.function.Function<List<String>, Map<String, Integer>> map,
                                java.util.function.Function<List<String>, Collection<String>> bag) {
        Set<Integer> numbers = new LinkedHashSet<>();
        insertion.forEach(key -> numbers.add(key.length() * 7));
        return new Edited("Value", set.apply(insertion), map.apply(insertion), bag.apply(insertion), List.of("first", "second"),
                Optional.of("note"), Kind.PLAIN, new Inner("inner", numbers), new Terse("shown", "hidden"));
    }

    private static Map<String, Integer> weights(Map<String, Integer> map, List<String> insertion) {
        insertion.forEach(key -> map.put(key, key.length()));
        return map;
    }

    @Test
    void oneStateBuiltInDifferentOrdersAndCollectionTypesHasOneRevision() {
        List<Edited> ways = new ArrayList<>();
        for (List<String> insertion : List.of(ONE_WAY, OTHER_WAY)) {
            ways.add(built(insertion, LinkedHashSet::new, keys -> weights(new LinkedHashMap<>(), keys),
                    keys -> weights(new LinkedHashMap<>(), keys).keySet()));
            ways.add(built(insertion, keys -> {
                Set<String> set = new HashSet<>();
                set.addAll(keys);
                return set;
            }, keys -> weights(new HashMap<>(), keys), keys -> weights(new HashMap<>(), keys).keySet()));
            ways.add(built(insertion, keys -> Set.of(keys.toArray(String[]::new)),
                    keys -> Map.of(keys.get(0), keys.get(0).length(), keys.get(1), keys.get(1).length(), keys.get(2), keys.get(2).length()),
                    keys -> Set.copyOf(keys)));
            ways.add(built(insertion, keys -> {
                Set<String> reversed = new TreeSet<>(insertion == ONE_WAY ? Comparator.<String>naturalOrder() : Comparator.<String>reverseOrder());
                reversed.addAll(keys);
                return reversed;
            }, keys -> weights(new LinkedHashMap<>(), keys),
                    // an unordered collection that is neither a set nor a list: a map's values
                    keys -> {
                        Map<Integer, String> byPosition = new LinkedHashMap<>();
                        keys.forEach(key -> byPosition.put(byPosition.size() + (insertion == ONE_WAY ? 0 : 100), key));
                        return byPosition.values();
                    }));
        }
        // the oracle: every way holds one state (equal sets and maps); printed, the ways differ
        for (Edited way : ways) {
            assertThat(Set.of("Aa", "BB", "tall").equals(way.tags())).as(way.tags().toString()).isTrue();
            assertThat(Map.of("Aa", 2, "BB", 2, "tall", 4).equals(way.weights())).as(way.weights().toString()).isTrue();
            assertThat(List.copyOf(new TreeSet<>(way.bag()))).isEqualTo(List.of("Aa", "BB", "tall"));
        }
        assertThat(ways.get(0).toString()).as("the same state printed two ways").isNotEqualTo(ways.get(4).toString());
        assertThat(ways.stream().map(Object::toString).distinct().count()).isGreaterThan(2);

        Revision expected = Revision.of("edited", ways.get(0));
        for (Edited way : ways) {
            assertThat(Revision.of("edited", way)).as(way.toString()).isEqualTo(expected);
        }
        // and as a part by itself, not only inside a record
        assertThat(Revision.of(new LinkedHashSet<>(ONE_WAY))).isEqualTo(Revision.of(new LinkedHashSet<>(OTHER_WAY)));
        assertThat(Revision.of(weights(new HashMap<>(), ONE_WAY))).isEqualTo(Revision.of(weights(new HashMap<>(), OTHER_WAY)));
    }

    @Test
    void anyChangedComponentChangesTheRevision() {
        Edited base = built(ONE_WAY, LinkedHashSet::new, keys -> weights(new LinkedHashMap<>(), keys), ArrayList::new);
        List<Edited> changed = List.of(
                new Edited("Value!", base.tags(), base.weights(), base.bag(), base.order(), base.note(), base.kind(), base.inner(), base.terse()),
                new Edited(base.name(), Set.of("Aa", "BB"), base.weights(), base.bag(), base.order(), base.note(), base.kind(), base.inner(), base.terse()),
                new Edited(base.name(), Set.of("Aa", "BB", "tall", "new"), base.weights(), base.bag(), base.order(), base.note(), base.kind(),
                        base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), Map.of("Aa", 2, "BB", 3, "tall", 4), base.bag(), base.order(), base.note(), base.kind(),
                        base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), Map.of("Aa", 2, "BB", 2, "tail", 4), base.bag(), base.order(), base.note(), base.kind(),
                        base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), List.of("Aa", "BB", "tall", "tall"), base.order(), base.note(), base.kind(),
                        base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), base.bag(), List.of("second", "first"), base.note(), base.kind(),
                        base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), base.bag(), base.order(), Optional.empty(), base.kind(), base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), base.bag(), base.order(), base.note(), Kind.SPECIAL, base.inner(), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), base.bag(), base.order(), base.note(), base.kind(),
                        new Inner("inner", Set.of(14, 28, 29)), base.terse()),
                new Edited(base.name(), base.tags(), base.weights(), base.bag(), base.order(), base.note(), base.kind(), base.inner(),
                        new Terse("shown", "changed but not printed")),
                new Edited(null, base.tags(), base.weights(), base.bag(), base.order(), base.note(), base.kind(), base.inner(), base.terse()),
                new Edited("null", base.tags(), base.weights(), base.bag(), base.order(), base.note(), base.kind(), base.inner(), base.terse()));
        Revision before = Revision.of("edited", base);
        List<Revision> after = changed.stream().map(edited -> Revision.of("edited", edited)).toList();
        for (int i = 0; i < changed.size(); i++) {
            assertThat(after.get(i)).as("change " + i + ": " + changed.get(i)).isNotEqualTo(before);
        }
        assertThat(after).as("every change its own revision").doesNotHaveDuplicates();
        // parts keep their bounds and their order
        assertThat(Revision.of("ab", "c")).isNotEqualTo(Revision.of("a", "bc"));
        assertThat(Revision.of("a", "b")).isNotEqualTo(Revision.of("b", "a"));
        assertThat(Revision.of(1L)).isNotEqualTo(Revision.of("1"));
    }

    @Test
    void aRevisionIsTwentyTwoUrlSafeCharactersAndTheSameForTheSameParts() {
        Revision revision = Revision.of("campaign", 3L, List.of("x"));
        assertThat(revision.value()).matches("[A-Za-z0-9_-]{22}");
        assertThat(Revision.of("campaign", 3L, List.of("x"))).isEqualTo(revision);
    }
}
