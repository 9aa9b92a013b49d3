package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.AudienceMember;
import io.strata.application.campaign.ActionCount;
import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Freezes a campaign's audience with one INSERT … SELECT over the run's assignments; no customer row enters the JVM. */
@Repository
public class JdbcCampaignAudiences implements CampaignAudiences {

    /** Narrowing keeps the target's members that are members of the tactical segment in the same run. */
    private static final String NARROWED = " and exists (select 1 from tactical_members n"
            + " where n.run_id = a.run_id and n.tactical_id = :narrowedTo and n.customer_key = a.customer_key)";

    /**
     * {@code tactical}: each member of a tactical segment with its own action, with the first such segment in the plan's
     * order (tactical actions follow the default ones by position, in plan order), as {@link CampaignPlan#actionListFor}.
     * {@code members}: every member of the target with that list (null: the default actions) and the position of the
     * list's first action they consented to; null there means excluded. The control group is drawn over all lists.
     */
    private static final String FREEZE = """
            with tactical as (
                select distinct on (tm.customer_key) tm.customer_key, ca.tactical_segment_id
                from campaign_actions ca join tactical_members tm on tm.run_id = :run and tm.tactical_id = ca.tactical_segment_id
                where ca.campaign_id = :campaign and ca.tactical_segment_id is not null
                order by tm.customer_key, ca.position
            ), members as (
                select a.customer_key, c.customer_id, t.tactical_segment_id,
                       (select min(ca.position) from campaign_actions ca
                        where ca.campaign_id = :campaign and ca.tactical_segment_id is not distinct from t.tactical_segment_id
                          and %s) as action_position
                from run_assignments a join customers c using (customer_key) left join tactical t using (customer_key)
                where a.run_id = :run and a.segment_key = :segment%s
            )
            insert into campaign_audience (campaign_id, customer_key, audience_group, action_position, tactical_segment_id)
            select :campaign, customer_key, case when %s then 'CONTROL' else 'TREATMENT' end, action_position, tactical_segment_id
            from members where action_position is not null""";

    private static final String MEMBERS = "select count(*) from run_assignments a where a.run_id = :run and a.segment_key = :segment%s";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcCampaignAudiences(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan) {
        // the statement's text only varies between two fixed forms; every value is a bind parameter
        String narrowing = plan.target().tacticalSegment().isPresent() ? NARROWED : "";
        String freeze = FREEZE.formatted(ConsentSql.consented("ca.channel", "c"), narrowing,
                ControlGroupSql.isControl(":campaign", "customer_id", ":threshold"));
        return transactions.execute(tx -> {
            jdbc.sql("delete from campaign_audience where campaign_id = ?").param(campaignId).update();
            narrowedTo(jdbc.sql(freeze).param("campaign", campaignId).param("run", runId).param("segment", plan.target().segmentKey())
                    .param("threshold", plan.controlGroup().threshold()), plan).update();
            long members = narrowedTo(jdbc.sql(MEMBERS.formatted(narrowing)).param("run", runId).param("segment", plan.target().segmentKey()),
                    plan).query(Long.class).single();
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
     * The freeze itself, rolled back: the estimate cannot drift from what the launch then freezes (the control group's
     * formula is deterministic, the run the same), at the price of one statement's work.
     */
    @Override
    public AudienceCounts estimate(long campaignId, long runId, CampaignPlan plan) {
        return transactions.execute(tx -> {
            AudienceCounts counts = freeze(campaignId, runId, plan);
            tx.setRollbackOnly();
            return counts;
        });
    }

    private static JdbcClient.StatementSpec narrowedTo(JdbcClient.StatementSpec statement, CampaignPlan plan) {
        return plan.target().tacticalSegment().map(id -> statement.param("narrowedTo", id)).orElse(statement);
    }

    @Override
    public List<ActionCount> countsByAction(long campaignId) {
        return jdbc.sql("""
                        select audience_group, tactical_segment_id, action_position, count(*) from campaign_audience where campaign_id = ?
                        group by 1, 2, 3 order by 1 desc, 3""")
                .param(campaignId)
                .query((rs, n) -> new ActionCount(AudienceGroup.valueOf(rs.getString(1)), actionList(rs), rs.getInt(3), rs.getLong(4))).list();
    }

    @Override
    public void members(long campaignId, Consumer<AudienceMember> members) {
        jdbc.sql("""
                        select c.customer_id, g.audience_group, g.tactical_segment_id, g.action_position
                        from campaign_audience g join customers c using (customer_key)
                        where g.campaign_id = ? order by c.customer_id""")
                .param(campaignId).withFetchSize(10_000)
                .query(rs -> {
                    members.accept(new AudienceMember(rs.getString(1), AudienceGroup.valueOf(rs.getString(2)), actionList(rs), rs.getInt(4)));
                });
    }

    /** The action list the row's tactical_segment_id names: null for the default actions. */
    static ActionList actionList(ResultSet rs) throws SQLException {
        long id = rs.getLong("tactical_segment_id");
        return rs.wasNull() ? ActionList.DEFAULT : new ActionList.Tactical(id);
    }

    @Override
    public List<io.strata.application.campaign.CustomerCampaign> campaignsOf(String customerId) {
        return jdbc.sql("""
                        select k.campaign_id, k.name, k.state, k.launched_at, g.audience_group, g.action_position
                        from customers c join campaign_audience g using (customer_key) join campaigns k using (campaign_id)
                        where c.customer_id = ? order by k.launched_at desc, k.campaign_id desc""")
                .param(customerId)
                .query((rs, n) -> {
                    AudienceGroup group = AudienceGroup.valueOf(rs.getString(5));
                    return new io.strata.application.campaign.CustomerCampaign(rs.getLong(1), rs.getString(2),
                            io.strata.domain.campaign.CampaignState.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), group,
                            group == AudienceGroup.TREATMENT ? rs.getInt(6) : null);
                }).list();
    }
}
