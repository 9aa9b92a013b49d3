package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.CampaignOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/** Conversions and migration of a frozen audience, each one aggregate query over the audience and orders or runs. */
@Repository
public class JdbcCampaignOutcomes implements CampaignOutcomes {

    private final JdbcClient jdbc;

    public JdbcCampaignOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Conversions conversions(long campaignId, Instant from, Instant to) {
        Map<AudienceGroup, GroupConversions> groups = new EnumMap<>(AudienceGroup.class);
        jdbc.sql("""
                        select g.audience_group, count(*), count(w.revenue), coalesce(sum(w.revenue), 0)
                        from campaign_audience g
                        left join lateral (select sum(o.total) as revenue from orders o
                                           where o.customer_key = g.customer_key and o.total > 0 and o.ordered_at >= ? and o.ordered_at < ?
                                           having count(*) > 0) w on true
                        where g.campaign_id = ? group by g.audience_group""")
                .params(timestamp(from), timestamp(to), campaignId)
                .query(rs -> {
                    groups.put(AudienceGroup.valueOf(rs.getString(1)), new GroupConversions(rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)));
                });
        GroupConversions none = new GroupConversions(0, 0, BigDecimal.ZERO);
        return new Conversions(groups.getOrDefault(AudienceGroup.TREATMENT, none), groups.getOrDefault(AudienceGroup.CONTROL, none));
    }

    @Override
    public Optional<Long> laterRun(long frozenRunId) {
        return jdbc.sql("""
                        select max(l.run_id) from segmentation_runs l join segmentation_runs f on f.segmentation_id = l.segmentation_id
                        where f.run_id = ? and l.run_id > f.run_id and l.status = 'COMPLETED'""")
                .param(frozenRunId).query(Long.class).optional();
    }

    @Override
    public MovedUp movedUp(long campaignId, long frozenRunId, long laterRunId) {
        Map<AudienceGroup, Long> moved = new EnumMap<>(AudienceGroup.class);
        jdbc.sql("""
                        select g.audience_group, count(*) filter (where ls.rank > fs.rank)
                        from campaign_audience g
                        join run_assignments fa on fa.run_id = :frozen and fa.customer_key = g.customer_key
                        join run_segments fs on fs.run_id = :frozen and fs.segment_key = fa.segment_key
                        left join run_assignments la on la.run_id = :later and la.customer_key = g.customer_key
                        left join run_segments ls on ls.run_id = :later and ls.segment_key = la.segment_key
                        where g.campaign_id = :campaign group by g.audience_group""")
                .param("frozen", frozenRunId).param("later", laterRunId).param("campaign", campaignId)
                .query(rs -> {
                    moved.put(AudienceGroup.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return new MovedUp(moved.getOrDefault(AudienceGroup.TREATMENT, 0L), moved.getOrDefault(AudienceGroup.CONTROL, 0L));
    }
}
