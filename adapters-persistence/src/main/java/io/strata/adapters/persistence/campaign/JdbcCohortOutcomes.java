package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.CohortConversions;
import io.strata.application.campaign.CohortMovedUp;
import io.strata.application.campaign.port.out.CohortOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.List;

/** Conversions and migration of an always-on campaign's cohorts, per cohort and group, each one aggregate query. */
@Repository
public class JdbcCohortOutcomes implements CohortOutcomes {

    private final JdbcClient jdbc;

    public JdbcCohortOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each cohort's window starts when it was formed (its deliveries went out then), as a launch's starts at the launch. */
    @Override
    public List<CohortConversions> conversions(long campaignId, Duration window) {
        return jdbc.sql("""
                        select g.cohort_run_id, g.audience_group, count(*), count(w.revenue), coalesce(sum(w.revenue), 0)
                        from campaign_audience g join always_on_cohorts k on k.campaign_id = g.campaign_id and k.run_id = g.cohort_run_id
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= k.formed_at
                                             and o.ordered_at < k.formed_at + make_interval(secs => ?)
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? group by 1, 2""")
                .params((double) window.toSeconds(), campaignId)
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
    public List<CohortMovedUp> movedUp(long campaignId) {
        return jdbc.sql("""
                        with later as (
                            select k.run_id, (select max(l.run_id) from segmentation_runs l join segmentation_runs f on f.segmentation_id = l.segmentation_id
                                              where f.run_id = k.run_id and l.run_id > f.run_id and l.status = 'COMPLETED') as later_run_id
                            from always_on_cohorts k where k.campaign_id = :campaign
                        )
                        select lr.run_id, lr.later_run_id, grp.audience_group, count(*) filter (where ls.rank > fs.rank)
                        from later lr cross join (values ('TREATMENT'), ('CONTROL')) grp (audience_group)
                        left join campaign_audience g on g.campaign_id = :campaign and g.cohort_run_id = lr.run_id
                                                     and g.audience_group = grp.audience_group
                        left join run_assignments fa on fa.run_id = lr.run_id and fa.customer_key = g.customer_key
                        left join run_segments fs on fs.run_id = lr.run_id and fs.segment_key = fa.segment_key
                        left join run_assignments la on la.run_id = lr.later_run_id and la.customer_key = g.customer_key
                        left join run_segments ls on ls.run_id = lr.later_run_id and ls.segment_key = la.segment_key
                        where lr.later_run_id is not null group by 1, 2, 3""")
                .param("campaign", campaignId)
                .query((rs, n) -> new CohortMovedUp(rs.getLong(1), rs.getLong(2), AudienceGroup.valueOf(rs.getString(3)), rs.getLong(4)))
                .list();
    }
}
