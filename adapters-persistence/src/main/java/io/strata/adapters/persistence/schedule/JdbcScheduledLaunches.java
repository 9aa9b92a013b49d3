package io.strata.adapters.persistence.schedule;

import io.strata.application.schedule.PlannedLaunch;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Scheduled campaigns by start, with the flag of those not launched by themselves. */
@Repository
public class JdbcScheduledLaunches implements ScheduledLaunches {

    private static final String SELECT = """
            select c.campaign_id, c.name, c.target_segment, c.start_at, f.flagged_at, f.reason
            from campaigns c left join campaign_launch_flags f on f.campaign_id = c.campaign_id
            where c.state = 'SCHEDULED' and c.start_at is not null""";

    private final JdbcClient jdbc;

    public JdbcScheduledLaunches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PlannedLaunch> due(Instant now) {
        return jdbc.sql(SELECT + " and f.campaign_id is null and c.start_at <= ? order by c.start_at, c.campaign_id")
                .param(Timestamp.from(now)).query((rs, n) -> launch(rs)).list();
    }

    @Override
    public List<PlannedLaunch> planned(Instant from, Instant to) {
        return jdbc.sql(SELECT + " and f.campaign_id is null and c.start_at between ? and ? order by c.start_at, c.campaign_id")
                .params(Timestamp.from(from), Timestamp.from(to)).query((rs, n) -> launch(rs)).list();
    }

    @Override
    public List<PlannedLaunch> flagged() {
        return jdbc.sql(SELECT + " and f.campaign_id is not null order by f.flagged_at desc, c.campaign_id")
                .query((rs, n) -> launch(rs)).list();
    }

    @Override
    public boolean flag(long campaignId, String reason, Instant at) {
        return jdbc.sql("insert into campaign_launch_flags (campaign_id, flagged_at, reason) values (?, ?, ?) on conflict do nothing")
                .params(campaignId, Timestamp.from(at), reason).update() == 1;
    }

    private static PlannedLaunch launch(ResultSet rs) throws SQLException {
        Timestamp flaggedAt = rs.getTimestamp("flagged_at");
        return new PlannedLaunch(rs.getLong("campaign_id"), rs.getString("name"), rs.getString("target_segment"),
                rs.getTimestamp("start_at").toInstant(), flaggedAt == null ? null : flaggedAt.toInstant(), rs.getString("reason"));
    }
}
