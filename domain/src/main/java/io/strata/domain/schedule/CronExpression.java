package io.strata.domain.schedule;

import io.strata.domain.text.PlainText;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A standard five-field cron expression, {@code minute hour day-of-month month day-of-week}, each field {@code *}, a
 * number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a comma list of those; day of week 0–7 with 0
 * and 7 for Sunday. As in cron, when both day fields are restricted a day matches either.
 */
public final class CronExpression {

    /** Far enough to find 29 February on a Monday, the rarest day a valid expression can ask for. */
    private static final int SEARCH_YEARS = 30;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        minutes = field(fields[0], "minute", 0, 59);
        hours = field(fields[1], "hour", 0, 23);
        days = field(fields[2], "day of month", 1, 31);
        months = field(fields[3], "month", 1, 12);
        BitSet week = field(fields[4], "day of week", 0, 7);
        if (week.get(7)) {
            week.set(0);
        }
        weekdays = week;
        anyDay = fields[2].equals("*");
        anyWeekday = fields[4].equals("*");
    }

    /** Reads an expression; a wrong one is refused as the field {@code cron}, naming the part that is wrong. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchedule("cron", "the cron expression is empty; give five fields, e.g. \"0 6 * * 1-5\" for 06:00 on weekdays");
        }
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidSchedule("cron", "the cron expression \"" + PlainText.echo(text.strip()) + "\" has " + fields.length + " fields; give five"
                    + " (minute hour day-of-month month day-of-week), e.g. \"0 6 * * 1-5\"");
        }
        CronExpression cron = new CronExpression(String.join(" ", fields), fields);
        LocalDateTime probe = LocalDateTime.of(2000, 1, 1, 0, 0);
        if (cron.nextLocal(probe).isEmpty()) {
            throw new InvalidSchedule("cron", "the cron expression \"" + cron.text + "\" names a day that never comes (e.g. 30 February)");
        }
        return cron;
    }

    public String text() {
        return text;
    }

    /** The first moment strictly after {@code after} that the expression names, in {@code after}'s zone. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        LocalDateTime from = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime cursor = from;
        while (true) {
            Optional<LocalDateTime> local = nextLocal(cursor);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            // a local time skipped by a daylight-saving gap is moved forward by the zone, as cron daemons do
            ZonedDateTime candidate = ZonedDateTime.ofLocal(local.get(), after.getZone(), after.getOffset());
            if (candidate.isAfter(after)) {
                return Optional.of(candidate);
            }
            cursor = local.get();
        }
    }

    /** The first local minute strictly after {@code after} that matches. */
    private Optional<LocalDateTime> nextLocal(LocalDateTime after) {
        LocalDate day = after.toLocalDate();
        LocalTime firstTime = after.toLocalTime().plusMinutes(1);
        boolean sameDay = !after.toLocalTime().equals(LocalTime.of(23, 59));
        LocalDate last = day.plusYears(SEARCH_YEARS);
        for (LocalDate d = sameDay ? day : day.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (!months.get(d.getMonthValue()) || !dayMatches(d)) {
                continue;
            }
            LocalTime from = d.equals(day) && sameDay ? firstTime : LocalTime.MIDNIGHT;
            Optional<LocalTime> time = firstTimeFrom(from);
            if (time.isPresent()) {
                return Optional.of(LocalDateTime.of(d, time.get()));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate d) {
        boolean dayOfMonth = days.get(d.getDayOfMonth());
        boolean weekday = weekdays.get(d.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return dayOfMonth && weekday;
        }
        return dayOfMonth || weekday;
    }

    private Optional<LocalTime> firstTimeFrom(LocalTime from) {
        for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
            int m = minutes.nextSetBit(h == from.getHour() ? from.getMinute() : 0);
            if (m >= 0) {
                return Optional.of(LocalTime.of(h, m));
            }
        }
        return Optional.empty();
    }

    private static BitSet field(String text, String name, int min, int max) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name, 1, max);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw wrong(part, name, min, max);
                }
                from = number(bounds[0], name, min, max);
                to = number(bounds[1], name, min, max);
                if (from > to) {
                    throw new InvalidSchedule("cron", "the " + name + " range " + range + " runs backwards; write it from low to high");
                }
            } else {
                from = number(range, name, min, max);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, String name, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new InvalidSchedule("cron", "the " + name + " " + value + " is outside " + min + "–" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw wrong(text, name, min, max);
        }
    }

    private static InvalidSchedule wrong(String text, String name, int min, int max) {
        return new InvalidSchedule("cron", "\"" + PlainText.echo(text) + "\" is not a valid " + name + "; use *, a number " + min + "–" + max
                + ", a range a-b, a step */n or a comma list");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
