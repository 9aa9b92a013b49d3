package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.CampaignAudiences;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Consumer;

/** Freezes a campaign's audience with one INSERT … SELECT over the run's assignments; no customer row enters the JVM. */
@Repository
public class JdbcCampaignAudiences implements CampaignAudiences {

    private static final String FREEZE = """
            with members as (
                select a.customer_key, c.customer_id,
                       (select min(ca.position) from campaign_actions ca
                        where ca.campaign_id = :campaign and ca.tactical_segment_id is null and %s) as action_position
                from run_assignments a join customers c using (customer_key)
                where a.run_id = :run and a.segment_key = :segment%s
            )
            insert into campaign_audience (campaign_id, customer_key, audience_group, action_position)
            select :campaign, customer_key, case when %s then 'CONTROL' else 'TREATMENT' end, action_position
            from members where action_position is not null""".formatted(
            ConsentSql.consented("ca.channel", "c"), "%s", ControlGroupSql.isControl(":campaign", "customer_id", ":threshold"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcCampaignAudiences(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan) {
        String sql = FREEZE.formatted(tacticalFilter(plan));
        return transactions.execute(tx -> {
            jdbc.sql("delete from campaign_audience where campaign_id = ?").param(campaignId).update();
            jdbc.sql(sql).param("campaign", campaignId).param("run", runId).param("segment", plan.target().segmentKey())
                    .param("threshold", plan.controlGroup().threshold()).update();
            long members = jdbc.sql("select count(*) from run_assignments a where a.run_id = ? and a.segment_key = ?" + tacticalFilter(plan))
                    .params(runId, plan.target().segmentKey()).query(Long.class).single();
            long[] groups = new long[2];
            jdbc.sql("select audience_group, count(*) from campaign_audience where campaign_id = ? group by audience_group").param(campaignId)
                    .query(rs -> {
                        groups[AudienceGroup.valueOf(rs.getString(1)).ordinal()] = rs.getLong(2);
                    });
            long treatment = groups[AudienceGroup.TREATMENT.ordinal()];
            long control = groups[AudienceGroup.CONTROL.ordinal()];
            return new AudienceCounts(members, members - treatment - control, treatment, control);
        });
    }

    /**
     * Narrowing to a tactical segment keeps the target segment's members that are also members of the tactical segment in
     * the same run. Actions per tactical segment are refused by the application before they get here; should one arrive
     * anyway, it fails instead of silently giving everyone the segment's actions.
     */
    static String tacticalFilter(CampaignPlan plan) {
        if (!plan.tacticalActions().isEmpty()) {
            throw new IllegalStateException("actions per tactical segment are not supported by the audience freeze yet; campaign targets "
                    + plan.target() + " with " + plan.tacticalActions().size() + " tactical action(s)");
        }
        // the id is a number from the domain, never user text
        return plan.target().tacticalSegment().map(id -> " and exists (select 1 from tactical_members tm where tm.run_id = a.run_id"
                + " and tm.tactical_id = " + id.longValue() + " and tm.customer_key = a.customer_key)").orElse("");
    }

    @Override
    public List<ActionCount> countsByAction(long campaignId) {
        return jdbc.sql("""
                        select audience_group, action_position, count(*) from campaign_audience where campaign_id = ?
                        group by 1, 2 order by 1 desc, 2""")
                .param(campaignId)
                .query((rs, n) -> new ActionCount(AudienceGroup.valueOf(rs.getString(1)), rs.getInt(2), rs.getLong(3))).list();
    }

    @Override
    public void members(long campaignId, Consumer<AudienceMember> members) {
        jdbc.sql("""
                        select c.customer_id, g.audience_group, g.action_position from campaign_audience g join customers c using (customer_key)
                        where g.campaign_id = ? order by c.customer_id""")
                .param(campaignId).withFetchSize(10_000)
                .query(rs -> {
                    members.accept(new AudienceMember(rs.getString(1), AudienceGroup.valueOf(rs.getString(2)), rs.getInt(3)));
                });
    }
}
