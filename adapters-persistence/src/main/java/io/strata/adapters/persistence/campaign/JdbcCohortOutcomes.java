package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.CohortConversions;
import io.strata.application.campaign.CohortMovedUp;
import io.strata.application.campaign.CohortTotals;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.application.campaign.port.out.CohortOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.List;

/** Conversions and migration of an always-on campaign's cohorts, per cohort and group, each one aggregate query. */
@Repository
public class JdbcCohortOutcomes implements CohortOutcomes {

    /**
     * Moves per cohort and group (or per group over every cohort): %1$s narrows the cohorts, %2$s and %3$s group. A
     * cohort's later run is its segmentation's latest completed run when that is later than the cohort's own, read once
     * per segmentation (session 52: a subquery over the runs after it, per cohort and per use, took 29 s for 2,850).
     */
    private static final String MOVED_UP = """
            with later as materialized (
                select k.run_id, case when l.latest_run_id > k.run_id then l.latest_run_id end as later_run_id
                from always_on_cohorts k join segmentation_runs f on f.run_id = k.run_id
                join (select segmentation_id, max(run_id) as latest_run_id from segmentation_runs where status = 'COMPLETED'
                      group by segmentation_id) l on l.segmentation_id = f.segmentation_id
                where k.campaign_id = :campaign %1$s
            )
            select %2$sgrp.audience_group, count(*) filter (where ls.rank > fs.rank)
            from later lr cross join (values ('TREATMENT'), ('CONTROL')) grp (audience_group)
            left join campaign_audience g on g.campaign_id = :campaign and g.cohort_run_id = lr.run_id
                                         and g.audience_group = grp.audience_group
            left join run_assignments fa on fa.run_id = lr.run_id and fa.customer_key = g.customer_key
            left join run_segments fs on fs.run_id = lr.run_id and fs.segment_key = fa.segment_key
            left join run_assignments la on la.run_id = lr.later_run_id and la.customer_key = g.customer_key
            left join run_segments ls on ls.run_id = lr.later_run_id and ls.segment_key = la.segment_key
            where lr.later_run_id is not null %3$s""";

    private final JdbcClient jdbc;

    public JdbcCohortOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each cohort's window starts when it was formed (its deliveries went out then), as a launch's starts at the launch. */
    @Override
    public List<CohortConversions> conversions(long campaignId, Duration window, List<Long> cohortRunIds) {
        return jdbc.sql("""
                        select g.cohort_run_id, g.audience_group, count(*), count(w.revenue), coalesce(sum(w.revenue), 0)
                        from campaign_audience g join always_on_cohorts k on k.campaign_id = g.campaign_id and k.run_id = g.cohort_run_id
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= k.formed_at
                                             and o.ordered_at < k.formed_at + make_interval(secs => ?)
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? and g.cohort_run_id = any(?) group by 1, 2""")
                .params((double) window.toSeconds(), campaignId, cohortRunIds.toArray(Long[]::new))
                .query((rs, n) -> new CohortConversions(rs.getLong(1), AudienceGroup.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /**
     * As a launch's migration, with each cohort's run as the frozen run and the latest completed run after it as the
     * later one. Every cohort with a later run answers a row per group, an empty group 0, so an empty cohort still
     * shows its later run.
     */
    @Override
    public List<CohortMovedUp> movedUp(long campaignId, List<Long> cohortRunIds) {
        return jdbc.sql(MOVED_UP.formatted("and k.run_id = any(:runs)", "lr.run_id, lr.later_run_id, ", "group by 1, 2, 3"))
                .param("campaign", campaignId).param("runs", cohortRunIds.toArray(Long[]::new))
                .query((rs, n) -> new CohortMovedUp(rs.getLong(1), rs.getLong(2), AudienceGroup.valueOf(rs.getString(3)), rs.getLong(4)))
                .list();
    }

    /**
     * Three aggregates over every cohort of the campaign: the cohorts and who entered them; conversions per group, split
     * by whether the cohort has a later run (the total adds both, the migration only those with one); moves per group.
     */
    @Override
    public CohortTotals totals(long campaignId, Duration window) {
        long[] counts = jdbc.sql("""
                        select count(*), coalesce(sum(k.entered), 0),
                               count(*) filter (where l.latest_run_id > k.run_id)
                        from always_on_cohorts k join segmentation_runs f on f.run_id = k.run_id
                        left join (select segmentation_id, max(run_id) as latest_run_id from segmentation_runs where status = 'COMPLETED'
                                   group by segmentation_id) l on l.segmentation_id = f.segmentation_id
                        where k.campaign_id = ?""")
                .param(campaignId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        GroupOutcome[] all = {GroupOutcome.empty(false), GroupOutcome.empty(false)};
        GroupOutcome[] later = {GroupOutcome.empty(true), GroupOutcome.empty(true)};
        jdbc.sql("""
                        select g.audience_group,
                               coalesce(l.latest_run_id > k.run_id, false) as has_later,
                               count(*), count(w.revenue), coalesce(sum(w.revenue), 0)
                        from campaign_audience g join always_on_cohorts k on k.campaign_id = g.campaign_id and k.run_id = g.cohort_run_id
                        join segmentation_runs f on f.run_id = k.run_id
                        left join (select segmentation_id, max(run_id) as latest_run_id from segmentation_runs where status = 'COMPLETED'
                                   group by segmentation_id) l on l.segmentation_id = f.segmentation_id
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= k.formed_at
                                             and o.ordered_at < k.formed_at + make_interval(secs => ?)
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? group by 1, 2""")
                .params((double) window.toSeconds(), campaignId)
                .query((rs, n) -> {
                    int group = AudienceGroup.valueOf(rs.getString(1)) == AudienceGroup.TREATMENT ? 0 : 1;
                    GroupOutcome part = new GroupOutcome(rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5), null);
                    all[group] = all[group].plus(part);
                    if (rs.getBoolean(2)) {
                        later[group] = new GroupOutcome(later[group].customers() + part.customers(), later[group].converters() + part.converters(),
                                later[group].revenue().add(part.revenue()), later[group].movedUp());
                    }
                    return group;
                }).list();
        jdbc.sql(MOVED_UP.formatted("", "", "group by 1"))
                .param("campaign", campaignId)
                .query((rs, n) -> {
                    int group = AudienceGroup.valueOf(rs.getString(1)) == AudienceGroup.TREATMENT ? 0 : 1;
                    later[group] = new GroupOutcome(later[group].customers(), later[group].converters(), later[group].revenue(),
                            later[group].movedUp() + rs.getLong(2));
                    return group;
                }).list();
        return new CohortTotals(counts[0], counts[1], counts[2], all[0], all[1], later[0], later[1]);
    }

}
