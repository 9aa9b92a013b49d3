package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.ConversionDay;
import io.strata.application.campaign.GroupConversions;
import io.strata.application.campaign.GroupMovedUp;
import io.strata.application.campaign.MeasuredOutcomes;
import io.strata.application.campaign.port.out.CampaignMeasurements;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.IncrementalRevenue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.strata.adapters.persistence.campaign.JdbcCampaignAudiences.actionList;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.instant;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/**
 * A campaign's latest measured outcomes in four small tables (changeset 200): replaced as a whole in one transaction,
 * read in four index look-ups of a few rows each, whatever the audience's size.
 */
@Repository
public class JdbcCampaignMeasurements implements CampaignMeasurements {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcCampaignMeasurements(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void store(long campaignId, MeasuredOutcomes outcomes) {
        transactions.executeWithoutResult(status -> {
            // cascades to the groups, spreads and days of the previous measurement
            jdbc.sql("delete from campaign_measurements where campaign_id = ?").param(campaignId).update();
            jdbc.sql("insert into campaign_measurements (campaign_id, measured_at, later_run_id) values (?, ?, ?)")
                    .params(campaignId, timestamp(outcomes.measuredAt()), outcomes.laterRunId()).update();
            for (GroupConversions part : outcomes.conversions()) {
                Long movedUp = outcomes.movedUp() == null ? null : outcomes.movedUp().stream()
                        .filter(m -> m.group() == part.group() && m.actionList().equals(part.actionList())).mapToLong(GroupMovedUp::movedUp).sum();
                jdbc.sql("""
                                insert into campaign_measured_groups (campaign_id, tactical_segment_id, audience_group, customers, converters, revenue, moved_up)
                                values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(campaignId, part.actionList().tacticalSegment().orElse(null), part.group().name(), part.customers(),
                                part.converters(), part.revenue(), movedUp)
                        .update();
            }
            outcomes.spread().forEach((group, spread) -> jdbc.sql("""
                            insert into campaign_measured_spreads (campaign_id, audience_group, customers, revenue, revenue_squares)
                            values (?, ?, ?, ?, ?)""")
                    .params(campaignId, group.name(), spread.customers(), spread.sum(), spread.sumOfSquares()).update());
            for (ConversionDay day : outcomes.days()) {
                jdbc.sql("insert into campaign_measured_days (campaign_id, day, treatment, control) values (?, ?, ?, ?)")
                        .params(campaignId, day.day(), day.treatment(), day.control()).update();
            }
        });
    }

    @Override
    public Optional<MeasuredOutcomes> latest(long campaignId) {
        return transactions.execute(status -> jdbc.sql("select measured_at, later_run_id from campaign_measurements where campaign_id = ?")
                .param(campaignId)
                .query((rs, n) -> new Object[] {instant(rs.getTimestamp(1)), (Long) rs.getObject(2)})
                .optional()
                .map(row -> read(campaignId, (java.time.Instant) row[0], (Long) row[1])));
    }

    private MeasuredOutcomes read(long campaignId, java.time.Instant measuredAt, Long laterRunId) {
        List<GroupConversions> conversions = new ArrayList<>();
        List<GroupMovedUp> movedUp = new ArrayList<>();
        jdbc.sql("""
                        select tactical_segment_id, audience_group, customers, converters, revenue, moved_up
                        from campaign_measured_groups where campaign_id = ? order by tactical_segment_id nulls first, audience_group""")
                .param(campaignId)
                .query(rs -> {
                    ActionList list = actionList(rs);
                    AudienceGroup group = AudienceGroup.valueOf(rs.getString(2));
                    conversions.add(new GroupConversions(list, group, rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5)));
                    long moved = rs.getLong(6);
                    if (!rs.wasNull()) {
                        movedUp.add(new GroupMovedUp(list, group, moved));
                    }
                });
        Map<AudienceGroup, IncrementalRevenue.Spread> spread = new EnumMap<>(AudienceGroup.class);
        jdbc.sql("select audience_group, customers, revenue, revenue_squares from campaign_measured_spreads where campaign_id = ?")
                .param(campaignId)
                .query(rs -> {
                    spread.put(AudienceGroup.valueOf(rs.getString(1)),
                            new IncrementalRevenue.Spread(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                });
        List<ConversionDay> days = jdbc.sql("select day, treatment, control from campaign_measured_days where campaign_id = ? order by day")
                .param(campaignId)
                .query((rs, n) -> new ConversionDay(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
                .list();
        return new MeasuredOutcomes(measuredAt, laterRunId, conversions, laterRunId == null ? null : movedUp, spread, days);
    }

    @Override
    public int settle(int followDays) {
        // the partial index campaigns_followed_idx holds the campaigns not settled: the settled ones are not read
        return jdbc.sql("""
                        update campaigns c set measurement_settled_at = m.measured_at, settled_later_run_id = m.later_run_id
                        from campaign_measurements m
                        where c.launched_at is not null and c.measurement_settled_at is null
                          and m.campaign_id = c.campaign_id and m.later_run_id is not null
                          and m.measured_at >= c.launched_at + make_interval(days => c.attribution_days + :follow)
                          and not exists (select 1 from always_on_campaigns a where a.campaign_id = c.campaign_id and a.state <> 'STOPPED')""")
                .param("follow", followDays).update();
    }

    @Override
    public List<Long> toMeasure() {
        return jdbc.sql("""
                        select c.campaign_id from campaigns c
                        left join campaign_measurements m on m.campaign_id = c.campaign_id
                        where c.launched_at is not null and c.measurement_settled_at is null
                          and (m.campaign_id is null
                               or m.measured_at < c.launched_at + make_interval(days => c.attribution_days)
                               or m.later_run_id is distinct from
                                  (select max(l.run_id) from segmentation_runs l join segmentation_runs f on f.segmentation_id = l.segmentation_id
                                   where f.run_id = c.run_id and l.run_id > f.run_id and l.status = 'COMPLETED'))
                        order by c.campaign_id""")
                .query(Long.class).list();
    }

    @Override
    public Optional<Long> settledLaterRun(long campaignId) {
        return jdbc.sql("select settled_later_run_id from campaigns where campaign_id = ? and measurement_settled_at is not null")
                .param(campaignId).query(Long.class).optional();
    }
}
