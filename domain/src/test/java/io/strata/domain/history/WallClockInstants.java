package io.strata.domain.history;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Instants as a till or an app would stamp them: a local wall-clock time on a local day, at an offset that may be far
 * from UTC. Strata's days are UTC days, so a local day's last millisecond at +14:00 (09:59:59.999 UTC the same day)
 * or at -12:00 (11:59:59.999 UTC the next day) and a local midnight at +14:00 (10:00 UTC the day before) are where
 * code that takes its day from the JVM's or the database session's zone goes wrong.
 */
public final class WallClockInstants {

    /** Offsets from the earliest to the latest in use, plus odd quarter and half hours. */
    public static final java.util.List<ZoneOffset> FAR_OFFSETS = java.util.List.of(ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12),
            ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHours(1));

    private static final LocalTime LAST_MILLISECOND = LocalTime.of(23, 59, 59, 999_000_000);

    private WallClockInstants() {
    }

    /**
     * Instants on the local day {@code daysBefore} days before {@code day}: half of them at UTC at any second, the
     * others at a far offset, often at the local day's first or last millisecond or at noon.
     */
    public static Arbitrary<Instant> onDay(LocalDate day, Arbitrary<Integer> daysBefore) {
        Arbitrary<LocalTime> anySecond = Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay);
        Arbitrary<LocalTime> edges = Arbitraries.of(LocalTime.MIDNIGHT, LocalTime.NOON, LocalTime.of(23, 59, 59), LAST_MILLISECOND);
        Arbitrary<LocalTime> times = Arbitraries.oneOf(anySecond, edges);
        Arbitrary<ZoneOffset> offsets = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(ZoneOffset.UTC)),
                Tuple.of(1, Arbitraries.of(FAR_OFFSETS)));
        return Combinators.combine(daysBefore, times, offsets).as((days, time, offset) -> at(day.minusDays(days), time, offset));
    }

    public static Instant at(LocalDate localDay, LocalTime time, ZoneOffset offset) {
        return localDay.atTime(time).atOffset(offset).toInstant();
    }
}
