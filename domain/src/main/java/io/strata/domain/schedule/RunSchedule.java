package io.strata.domain.schedule;

import io.strata.domain.text.PlainText;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When the active general segmentation runs by itself: daily at a local time, on a cron expression (both read in
 * {@code timeZone}), and/or after imports, once orders and events imports have been quiet for {@code quietTime}.
 *
 * <p>A schedule remembers one moment, {@code handledUntil}: everything planned up to it was taken care of. A calendar
 * run is owed when the first planned moment after it has come, however many have passed since, so runs missed while
 * the application was down make one run, not one per missed moment. An after-imports run is owed when an import
 * finished after it and nothing has been imported for the quiet time.
 */
public record RunSchedule(LocalTime dailyAt, CronExpression cron, ZoneId timeZone, boolean afterImports, Duration quietTime) {

    public static final Duration DEFAULT_QUIET_TIME = Duration.ofMinutes(5);
    public static final Duration SHORTEST_QUIET_TIME = Duration.ofMinutes(1);
    public static final Duration LONGEST_QUIET_TIME = Duration.ofDays(7);

    public RunSchedule {
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        quietTime = quietTime == null ? DEFAULT_QUIET_TIME : quietTime;
        if (quietTime.compareTo(SHORTEST_QUIET_TIME) < 0 || quietTime.compareTo(LONGEST_QUIET_TIME) > 0) {
            throw new InvalidSchedule("quietMinutes", "the quiet time after imports is " + quietTime.toMinutes() + " minutes; give 1 to "
                    + LONGEST_QUIET_TIME.toMinutes() + " minutes (default " + DEFAULT_QUIET_TIME.toMinutes() + ")");
        }
        if (dailyAt == null && cron == null && !afterImports) {
            throw new InvalidSchedule("dailyAt", "a schedule needs at least one trigger: dailyAt (e.g. \"06:00\"), cron (e.g."
                    + " \"0 6 * * 1-5\") or afterImports true");
        }
        if (dailyAt != null) {
            dailyAt = dailyAt.withSecond(0).withNano(0);
        }
    }

    /**
     * Reads a schedule as a person writes it: {@code dailyAt} "HH:MM", an IANA time zone ("Europe/Berlin"), a cron
     * expression, whether to run after imports and the quiet time in minutes. Each wrong input is refused naming its field.
     */
    public static RunSchedule of(String dailyAt, String timeZone, String cron, Boolean afterImports, Integer quietMinutes) {
        return new RunSchedule(time(dailyAt), blank(cron) ? null : CronExpression.parse(cron), zone(timeZone),
                Boolean.TRUE.equals(afterImports), quietMinutes == null ? null : Duration.ofMinutes(quietMinutes));
    }

    private static LocalTime time(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            LocalTime time = LocalTime.parse(text.strip());
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new InvalidSchedule("dailyAt", "dailyAt \"" + PlainText.echo(text.strip()) + "\" has seconds; give hours and minutes, e.g. \"06:00\"");
            }
            return time;
        } catch (DateTimeParseException e) {
            throw new InvalidSchedule("dailyAt", "dailyAt \"" + PlainText.echo(text.strip()) + "\" is not a time of day; give hours and minutes, e.g. \"06:00\"");
        }
    }

    private static ZoneId zone(String text) {
        if (blank(text)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidSchedule("timeZone", "\"" + PlainText.echo(text.strip()) + "\" is not a time zone; give an IANA name such as"
                    + " \"Europe/Berlin\" or \"UTC\"");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public Optional<LocalTime> daily() {
        return Optional.ofNullable(dailyAt);
    }

    public Optional<CronExpression> cronExpression() {
        return Optional.ofNullable(cron);
    }

    /** The first calendar run (daily or cron) strictly after {@code after}. */
    public Optional<PlannedRun> nextCalendarRun(Instant after) {
        ZonedDateTime local = after.atZone(timeZone);
        Optional<PlannedRun> daily = daily().map(time -> {
            ZonedDateTime today = local.toLocalDate().atTime(time).atZone(timeZone);
            ZonedDateTime next = today.isAfter(local) ? today : local.toLocalDate().plusDays(1).atTime(time).atZone(timeZone);
            return new PlannedRun(Trigger.DAILY, next.toInstant());
        });
        Optional<PlannedRun> onCron = cronExpression().flatMap(c -> c.next(local)).map(next -> new PlannedRun(Trigger.CRON, next.toInstant()));
        return Stream.of(daily, onCron).flatMap(Optional::stream).min(Comparator.comparing(PlannedRun::plannedAt));
    }

    /** The calendar runs from {@code from} (exclusive) to {@code to} (inclusive), at most {@code limit}. */
    public List<PlannedRun> calendarRuns(Instant from, Instant to, int limit) {
        List<PlannedRun> runs = new ArrayList<>();
        Optional<PlannedRun> next = nextCalendarRun(from);
        while (next.isPresent() && !next.get().plannedAt().isAfter(to) && runs.size() < limit) {
            runs.add(next.get());
            next = nextCalendarRun(next.get().plannedAt());
        }
        return List.copyOf(runs);
    }

    /** The run owed at {@code now}, if any: a calendar run first, else one after imports. */
    public Optional<PlannedRun> due(Instant handledUntil, Instant now, ImportQuiet imports) {
        Optional<PlannedRun> calendar = nextCalendarRun(handledUntil).filter(run -> !run.plannedAt().isAfter(now));
        if (calendar.isPresent()) {
            return calendar;
        }
        return afterImportsRun(handledUntil, imports).filter(run -> !run.plannedAt().isAfter(now));
    }

    /** The next run this schedule plans as seen at {@code now}: one already owed, else the earliest ahead. */
    public Optional<PlannedRun> nextPlanned(Instant handledUntil, Instant now, ImportQuiet imports) {
        Optional<PlannedRun> owed = due(handledUntil, now, imports);
        if (owed.isPresent()) {
            return owed;
        }
        Instant from = handledUntil.isAfter(now) ? handledUntil : now;
        return Stream.of(nextCalendarRun(from), afterImportsRun(handledUntil, imports)).flatMap(Optional::stream)
                .min(Comparator.comparing(PlannedRun::plannedAt));
    }

    /** Once an import finished after {@code handledUntil} and none is running: the quiet time after the latest one. */
    private Optional<PlannedRun> afterImportsRun(Instant handledUntil, ImportQuiet imports) {
        if (!afterImports || imports.running()) {
            return Optional.empty();
        }
        return imports.latestFinished().filter(finished -> finished.isAfter(handledUntil))
                .map(finished -> new PlannedRun(Trigger.AFTER_IMPORTS, finished.plus(quietTime)));
    }
}
