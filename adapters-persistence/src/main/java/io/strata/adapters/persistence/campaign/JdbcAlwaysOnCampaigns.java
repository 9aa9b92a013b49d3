package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AlwaysOn;
import io.strata.application.campaign.Cohort;
import io.strata.application.campaign.port.out.AlwaysOnCampaigns;
import io.strata.domain.campaign.AlwaysOnState;
import io.strata.domain.campaign.AudienceCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.strata.adapters.persistence.campaign.JdbcCampaigns.instant;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/** Always-on campaigns and their cohorts; a cohort's counts also add to the campaign's own audience counts. */
@Repository
public class JdbcAlwaysOnCampaigns implements AlwaysOnCampaigns {

    private static final String SELECT = "select campaign_id, state, baseline_run_id, started_at, changed_at, stop_reason from always_on_campaigns"
            + " where campaign_id = ?";

    private final JdbcClient jdbc;

    public JdbcAlwaysOnCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void start(long campaignId, long baselineRunId, Instant at) {
        jdbc.sql("""
                        insert into always_on_campaigns (campaign_id, state, baseline_run_id, started_at, changed_at)
                        values (?, 'ACTIVE', ?, ?, ?)""")
                .params(campaignId, baselineRunId, timestamp(at), timestamp(at)).update();
    }

    @Override
    public Optional<AlwaysOn> find(long campaignId) {
        return jdbc.sql(SELECT).param(campaignId).query((rs, n) -> alwaysOn(rs)).optional();
    }

    @Override
    public Optional<AlwaysOn> lockForChange(long campaignId) {
        return jdbc.sql(SELECT + " for update").param(campaignId).query((rs, n) -> alwaysOn(rs)).optional();
    }

    @Override
    public void update(long campaignId, AlwaysOnState state, Instant at, String stopReason) {
        jdbc.sql("update always_on_campaigns set state = ?, changed_at = ?, stop_reason = coalesce(?, stop_reason) where campaign_id = ?")
                .params(state.name(), timestamp(at), stopReason, campaignId).update();
    }

    @Override
    public List<Long> active() {
        return jdbc.sql("select campaign_id from always_on_campaigns where state = 'ACTIVE' order by campaign_id").query(Long.class).list();
    }

    @Override
    public void recordCohort(Cohort cohort) {
        AudienceCounts counts = cohort.counts();
        jdbc.sql("""
                        insert into always_on_cohorts (campaign_id, run_id, previous_run_id, as_of, formed_at, entered, excluded_for_consent,
                                                       capped, treatment, control)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(cohort.campaignId(), cohort.runId(), cohort.previousRunId(), cohort.asOf(), timestamp(cohort.formedAt()),
                        counts.members(), counts.excludedForConsent(), counts.capped(), counts.treatment(), counts.control())
                .update();
        jdbc.sql("""
                        update campaigns set audience_members = audience_members + ?, excluded_for_consent = excluded_for_consent + ?,
                                             capped = coalesce(capped, 0) + ?, treatment = treatment + ?, control = control + ?
                        where campaign_id = ?""")
                .params(counts.members(), counts.excludedForConsent(), counts.capped(), counts.treatment(), counts.control(),
                        cohort.campaignId()).update();
    }

    @Override
    public boolean hasCohort(long campaignId, long runId) {
        return jdbc.sql("select count(*) from always_on_cohorts where campaign_id = ? and run_id = ?").params(campaignId, runId)
                .query(Long.class).single() > 0;
    }

    @Override
    public List<Cohort> newestCohorts(long campaignId, Long beforeRunId, int limit) {
        return jdbc.sql("""
                        select campaign_id, run_id, as_of, previous_run_id, formed_at, entered, excluded_for_consent, capped, treatment, control
                        from always_on_cohorts where campaign_id = ? and run_id < ? order by run_id desc limit ?""")
                .params(campaignId, beforeRunId == null ? Long.MAX_VALUE : beforeRunId, limit)
                .query((rs, n) -> new Cohort(rs.getLong(1), rs.getLong(2), rs.getObject(3, java.time.LocalDate.class), rs.getLong(4),
                        instant(rs.getTimestamp(5)), new AudienceCounts(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10))))
                .list();
    }

    private static AlwaysOn alwaysOn(ResultSet rs) throws SQLException {
        return new AlwaysOn(rs.getLong("campaign_id"), AlwaysOnState.valueOf(rs.getString("state")), rs.getLong("baseline_run_id"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("changed_at")), rs.getString("stop_reason"));
    }
}
