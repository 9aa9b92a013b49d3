package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.GroupMovedUp;
import io.strata.application.campaign.GroupConversions;
import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.strata.adapters.persistence.campaign.JdbcCampaignAudiences.actionList;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/** Conversions and migration of a frozen audience per action list and group, each one aggregate query over the audience and orders or runs. */
@Repository
public class JdbcCampaignOutcomes implements CampaignOutcomes {

    private final JdbcClient jdbc;

    public JdbcCampaignOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<GroupConversions> conversions(long campaignId, Instant from, Instant to) {
        return jdbc.sql("""
                        select g.tactical_segment_id, g.audience_group, count(*), count(w.revenue), coalesce(sum(w.revenue), 0)
                        from campaign_audience g
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= ? and o.ordered_at < ?
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? group by 1, 2""")
                .params(timestamp(from), timestamp(to), campaignId)
                .query((rs, n) -> new GroupConversions(actionList(rs), AudienceGroup.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    @Override
    public Optional<Long> laterRun(long frozenRunId) {
        return jdbc.sql("""
                        select max(l.run_id) from segmentation_runs l join segmentation_runs f on f.segmentation_id = l.segmentation_id
                        where f.run_id = ? and l.run_id > f.run_id and l.status = 'COMPLETED'""")
                .param(frozenRunId).query(Long.class).optional();
    }

    @Override
    public List<GroupMovedUp> movedUp(long campaignId, long frozenRunId, long laterRunId) {
        return jdbc.sql("""
                        select g.tactical_segment_id, g.audience_group, count(*) filter (where ls.rank > fs.rank)
                        from campaign_audience g
                        join run_assignments fa on fa.run_id = :frozen and fa.customer_key = g.customer_key
                        join run_segments fs on fs.run_id = :frozen and fs.segment_key = fa.segment_key
                        left join run_assignments la on la.run_id = :later and la.customer_key = g.customer_key
                        left join run_segments ls on ls.run_id = :later and ls.segment_key = la.segment_key
                        where g.campaign_id = :campaign group by 1, 2""")
                .param("frozen", frozenRunId).param("later", laterRunId).param("campaign", campaignId)
                .query((rs, n) -> new GroupMovedUp(actionList(rs), AudienceGroup.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    @Override
    public java.util.Map<AudienceGroup, io.strata.domain.campaign.IncrementalRevenue.Spread> revenueSpread(long campaignId, Instant from, Instant to) {
        java.util.Map<AudienceGroup, io.strata.domain.campaign.IncrementalRevenue.Spread> spread = new java.util.EnumMap<>(AudienceGroup.class);
        jdbc.sql("""
                        select g.audience_group, count(*), coalesce(sum(w.revenue), 0), coalesce(sum(w.revenue * w.revenue), 0)
                        from campaign_audience g
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= ? and o.ordered_at < ?
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? group by 1""")
                .params(timestamp(from), timestamp(to), campaignId)
                .query(rs -> {
                    spread.put(AudienceGroup.valueOf(rs.getString(1)),
                            new io.strata.domain.campaign.IncrementalRevenue.Spread(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                });
        return spread;
    }

    @Override
    public List<io.strata.application.campaign.ConversionDay> firstConversionsByDay(long campaignId, Instant from, Instant to) {
        return jdbc.sql("""
                        select (f.first_at at time zone 'UTC')::date as day,
                               count(*) filter (where g.audience_group = 'TREATMENT'), count(*) filter (where g.audience_group = 'CONTROL')
                        from campaign_audience g
                        join lateral (select min(o.ordered_at) as first_at from orders o
                                      where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= ? and o.ordered_at < ?
                                      having count(*) > 0) f on true
                        where g.campaign_id = ? group by 1 order by 1""")
                .params(timestamp(from), timestamp(to), campaignId)
                .query((rs, n) -> new io.strata.application.campaign.ConversionDay(rs.getObject(1, java.time.LocalDate.class), rs.getLong(2),
                        rs.getLong(3)))
                .list();
    }
}
