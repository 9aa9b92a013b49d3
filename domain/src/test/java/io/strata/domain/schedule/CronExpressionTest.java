package io.strata.domain.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronExpressionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime berlin(String local) {
        return java.time.LocalDateTime.parse(local).atZone(BERLIN);
    }

    @Test
    void weekdaysAtSixSkipTheWeekend() {
        // 2026-12-04 is a Friday
        CronExpression cron = CronExpression.parse("0 6 * * 1-5");
        assertThat(cron.next(berlin("2026-12-04T06:00"))).contains(berlin("2026-12-07T06:00"));
        assertThat(cron.next(berlin("2026-12-04T05:59:30"))).contains(berlin("2026-12-04T06:00"));
    }

    @Test
    void everyFifteenMinutesComesAtTheQuarters() {
        CronExpression cron = CronExpression.parse("*/15 * * * *");
        assertThat(cron.next(berlin("2026-12-04T10:07"))).contains(berlin("2026-12-04T10:15"));
        assertThat(cron.next(berlin("2026-12-04T23:45"))).contains(berlin("2026-12-05T00:00"));
    }

    @Test
    void listsAndStepsInARangeAreRead() {
        CronExpression cron = CronExpression.parse("30 8-18/5,22 1 * *");
        assertThat(cron.next(berlin("2026-12-01T08:31"))).contains(berlin("2026-12-01T13:30"));
        assertThat(cron.next(berlin("2026-12-01T18:30"))).contains(berlin("2026-12-01T22:30"));
        assertThat(cron.next(berlin("2026-12-01T22:30"))).contains(berlin("2027-01-01T08:30"));
    }

    @Test
    void whenBothDayFieldsAreRestrictedEitherMatchesAsInCron() {
        // the 13th or any Friday: after Wednesday 2026-12-09 comes Friday the 11th, then Sunday the 13th
        CronExpression cron = CronExpression.parse("0 0 13 * 5");
        assertThat(cron.next(berlin("2026-12-09T12:00"))).contains(berlin("2026-12-11T00:00"));
        assertThat(cron.next(berlin("2026-12-11T00:00"))).contains(berlin("2026-12-13T00:00"));
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertThat(CronExpression.parse("0 9 * * 7").next(berlin("2026-12-04T00:00"))).contains(berlin("2026-12-06T09:00"));
        assertThat(CronExpression.parse("0 9 * * 0").next(berlin("2026-12-04T00:00"))).contains(berlin("2026-12-06T09:00"));
    }

    @Test
    void aTimeSkippedBySummerTimeIsMovedForward() {
        // on 2027-03-28 Berlin's clocks jump from 02:00 to 03:00
        assertThat(CronExpression.parse("30 2 * * *").next(berlin("2027-03-28T01:00"))).contains(berlin("2027-03-28T03:30"));
    }

    @Test
    void theTwentyNinthOfFebruaryComesInALeapYear() {
        assertThat(CronExpression.parse("0 0 29 2 *").next(berlin("2026-12-04T00:00"))).contains(berlin("2028-02-29T00:00"));
    }

    @Test
    void aRangeOfOneValueIsThatValue() {
        assertThat(CronExpression.parse("0 9-9 * * *").next(berlin("2026-12-04T10:00"))).contains(berlin("2026-12-05T09:00"));
    }

    @Test
    void anExpressionIsItsFieldsSeparatedByOneSpace() {
        CronExpression spaced = CronExpression.parse("  0   6 * *\t1-5 ");
        assertThat(spaced.text()).isEqualTo("0 6 * * 1-5");
        assertThat(spaced.toString()).isEqualTo("0 6 * * 1-5");
        assertThat(spaced).isEqualTo(CronExpression.parse("0 6 * * 1-5")).hasSameHashCodeAs(CronExpression.parse("0 6 * * 1-5"))
                .isNotEqualTo(CronExpression.parse("0 7 * * 1-5")).isNotEqualTo("0 6 * * 1-5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "every day", "0 6 * *", "0 6 * * * *", "60 6 * * *", "0 24 * * *", "0 6 0 * *", "0 6 * 13 *",
            "0 6 * * 8", "a 6 * * *", "0 6-2 * * *", "0 */0 * * *", "0 6 30 2 *", "0 1-2-3 * * *"})
    void anExpressionThatDoesNotParseIsRefusedAsTheCronField(String text) {
        assertThatThrownBy(() -> CronExpression.parse(text)).isInstanceOfSatisfying(InvalidSchedule.class,
                e -> assertThat(e.field()).isEqualTo("cron"));
    }
}
