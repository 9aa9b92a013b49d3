package io.strata.adapters.persistence.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run only by the surefire execution {@code far-from-utc} (no other execution includes it): it fails if that execution stops being far from UTC (a
 * renamed property, a lost argLine), which would make its properties pass for the wrong reason.
 */
@EnabledIfSystemProperty(named = SessionTimeZone.PROPERTY, matches = ".+", disabledReason = "named by -Dtest outside far-from-utc")
class FarFromUtcSessions {

    private static final Instant MIDSUMMER = Instant.parse("2024-06-30T12:00:00Z");

    @Test
    void theJvmIsAtLeastTenHoursFromUtc() {
        int offset = ZoneId.systemDefault().getRules().getOffset(MIDSUMMER).getTotalSeconds();
        assertThat(Math.abs(offset)).isGreaterThanOrEqualTo((int) Duration.ofHours(10).toSeconds());
    }

    @Test
    void everyDatabaseSessionIsAtLeastTenHoursFromUtcAndFromTheJvm() throws SQLException {
        assertThat(SessionTimeZone.requested()).isPresent();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('TimeZone'), "
                     + "extract(timezone from timestamptz '2024-06-30 12:00:00+00')::int")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(SessionTimeZone.requested().orElseThrow().getId());
            int sessionOffset = rs.getInt(2);
            assertThat(Math.abs(sessionOffset)).isGreaterThanOrEqualTo((int) Duration.ofHours(10).toSeconds());
            assertThat(sessionOffset).isNotEqualTo(ZoneId.systemDefault().getRules().getOffset(MIDSUMMER).getTotalSeconds());
        }
    }
}
