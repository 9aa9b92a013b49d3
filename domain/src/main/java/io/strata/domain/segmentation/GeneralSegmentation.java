package io.strata.domain.segmentation;

import io.strata.domain.text.PlainText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The strategic split of the whole customer base: every customer in exactly one segment. Segments are ranked from
 * 1 (least valuable) to n (most valuable). A definition that could leave a customer without a segment or put one
 * in two cannot be built: the basis checks its own coverage, and this record checks that the basis and the segment
 * list name the same segments.
 */
public record GeneralSegmentation(String name, Basis basis, List<Segment> segments) {

    public static final int MAX_NAME_LENGTH = 200;

    public GeneralSegmentation {
        if (name == null || name.isBlank()) {
            throw new InvalidSegmentation("name", "a general segmentation needs a name");
        }
        PlainText.tooLong("the name", name, MAX_NAME_LENGTH).or(() -> PlainText.refusal("the name", name)).ifPresent(why -> {
            throw new InvalidSegmentation("name", why);
        });
        Objects.requireNonNull(basis, "basis");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new InvalidSegmentation("a general segmentation needs segments");
        }
        checkKeysAndRanks(segments);
        checkBasisMatchesSegments(basis, segments);
    }

    public Optional<Segment> segment(String key) {
        return segments.stream().filter(segment -> segment.key().equals(key)).findFirst();
    }

    /** The segment of {@code key}, which must exist. */
    public Segment segmentOf(String key) {
        return segment(key).orElseThrow(() -> new IllegalArgumentException("segmentation " + name + " has no segment '" + key
                + "'; its segments are " + keys()));
    }

    public List<String> keys() {
        return segments.stream().map(Segment::key).toList();
    }

    /** Segments from the least valuable (rank 1) to the most valuable. */
    public List<Segment> segmentsByRank() {
        return segments.stream().sorted(Comparator.comparingInt(Segment::rank)).toList();
    }

    public GeneralSegmentation named(String newName) {
        return new GeneralSegmentation(newName, basis, segments);
    }

    /** The same segmentation with a planner's goal for one segment. */
    public GeneralSegmentation withGoal(String segmentKey, String goal) {
        Segment target = segmentOf(segmentKey);
        return new GeneralSegmentation(name, basis, segments.stream().map(s -> s == target ? s.withGoal(goal) : s).toList());
    }

    private static void checkKeysAndRanks(List<Segment> segments) {
        Map<String, Segment> byKey = new HashMap<>();
        Map<Integer, Segment> byRank = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Segment segment : segments) {
            if (byKey.putIfAbsent(segment.key(), segment) != null) {
                problems.add("segment key " + segment.key() + " is used twice");
            }
            Segment sameRank = byRank.putIfAbsent(segment.rank(), segment);
            if (sameRank != null) {
                problems.add("rank " + segment.rank() + " is given to both " + sameRank.key() + " and " + segment.key());
            }
            if (segment.rank() > segments.size()) {
                problems.add("segment " + segment.key() + " has rank " + segment.rank() + ", but there are only "
                        + segments.size() + " segments");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSegmentation(String.join("; ", problems) + "; ranks run from 1 (least valuable) to "
                    + segments.size() + " (most valuable), each used once, and keys are unique");
        }
    }

    private static void checkBasisMatchesSegments(Basis basis, List<Segment> segments) {
        TreeSet<String> listed = new TreeSet<>();
        segments.forEach(segment -> listed.add(segment.key()));
        TreeSet<String> unknown = new TreeSet<>(basis.segmentKeys());
        unknown.removeAll(listed);
        TreeSet<String> unreachable = new TreeSet<>(listed);
        unreachable.removeAll(basis.segmentKeys());
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("the basis sends customers to " + unknown + ", which " + (unknown.size() == 1 ? "is not a segment" : "are not segments")
                    + " of this segmentation (its segments are " + listed + "); add " + (unknown.size() == 1 ? "it" : "them")
                    + " to the segments or correct the key");
        }
        if (!unreachable.isEmpty()) {
            problems.add("no customer can ever reach " + unreachable + ": the basis sends nobody there; give "
                    + (unreachable.size() == 1 ? "it" : "them") + " a place in the basis or remove " + (unreachable.size() == 1 ? "it" : "them"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSegmentation(String.join("; ", problems));
        }
    }
}
