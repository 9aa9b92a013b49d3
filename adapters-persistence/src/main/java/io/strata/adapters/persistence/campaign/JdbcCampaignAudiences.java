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
import java.sql.Timestamp;
import java.time.Instant;
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
     * list's first action they consented to; null there means excluded. {@code placed}: the consenting members, each
     * capped when their action's channel has a frequency cap and they already had that many deliveries on the channel
     * from other campaigns launched in the cap's window up to {@code :at}. The uncapped are frozen, the control group
     * drawn over all lists; the statement answers how many were capped.
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
                where a.run_id = :run and a.segment_key = :segment%s and not %s%s
            ), placed as (
                select m.*, exists (
                    select 1 from campaign_actions ca join frequency_caps f on f.channel = ca.channel
                    where ca.campaign_id = :campaign and ca.position = m.action_position
                      and (select count(*) from campaign_deliveries d join campaigns k on k.campaign_id = d.campaign_id
                           where d.customer_key = m.customer_key and d.channel = ca.channel and d.campaign_id <> :campaign
                             and k.launched_at > cast(:at as timestamptz) - make_interval(days => f.window_days)
                             and k.launched_at <= cast(:at as timestamptz))
                          >= f.max_deliveries) as capped
                from members m where m.action_position is not null
            ), frozen as (
                insert into campaign_audience (campaign_id, customer_key, audience_group, action_position, tactical_segment_id, cohort_run_id)
                select :campaign, customer_key, case when %s then 'CONTROL' else 'TREATMENT' end, action_position, tactical_segment_id, %s
                from placed where not capped
                returning 1
            )
            select count(*) from placed where capped""";

    /** The target's members outside the holdout (a launch's members; with {@link #ENTERED}, a cohort's entrants). */
    private static final String MEMBERS = "select count(*) from run_assignments a join customers c using (customer_key)"
            + " where a.run_id = :run and a.segment_key = :segment%s and not %s%s";

    /**
     * An always-on cohort's extra condition: not a member of the target in the previous run (narrowed alike), and not in
     * the campaign's audience yet, so a customer joins once and keeps their group.
     */
    private static final String ENTERED = " and not exists (select 1 from run_assignments p where p.run_id = :previous"
            + " and p.customer_key = a.customer_key and p.segment_key = :segment%s)"
            + " and not exists (select 1 from campaign_audience e where e.campaign_id = :campaign and e.customer_key = a.customer_key)";

    /** Narrowing in the previous run. */
    private static final String NARROWED_BEFORE = " and exists (select 1 from tactical_members n"
            + " where n.run_id = p.run_id and n.tactical_id = :narrowedTo and n.customer_key = p.customer_key)";

    /**
     * Launches and always-on admissions write their audiences (and deliveries) one at a time, held to commit: so two
     * cannot both pass a frequency cap, and an erasure, which takes it too, never deletes a customer an audience being
     * written still names (its foreign key then failed the launch).
     */
    public static final String AUDIENCES_TAKE_TURNS = "select pg_advisory_xact_lock(hashtext('strata-frequency-caps'))";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcCampaignAudiences(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan, Instant at) {
        // the statement's text only varies between two fixed forms; every value is a bind parameter
        String narrowing = plan.target().tacticalSegment().isPresent() ? NARROWED : "";
        String freeze = FREEZE.formatted(ConsentSql.consented("ca.channel", "c"), narrowing, HoldoutSql.heldOut("c.customer_id"), "",
                ControlGroupSql.isControl(":campaign", "customer_id", ":threshold"), "null");
        return transactions.execute(tx -> {
            // one launch at a time counts earlier deliveries, so two launches at once cannot both pass a cap (held to commit)
            jdbc.sql(AUDIENCES_TAKE_TURNS).query(rs -> { });
            jdbc.sql("delete from campaign_audience where campaign_id = ?").param(campaignId).update();
            long capped = narrowedTo(jdbc.sql(freeze).param("campaign", campaignId).param("run", runId).param("segment", plan.target().segmentKey())
                    .param("threshold", plan.controlGroup().threshold()).param("at", Timestamp.from(at)), plan).query(Long.class).single();
            long members = narrowedTo(jdbc.sql(MEMBERS.formatted(narrowing, HoldoutSql.heldOut("c.customer_id"), ""))
                    .param("run", runId).param("segment", plan.target().segmentKey()), plan).query(Long.class).single();
            return counted(members, capped, jdbc.sql("select audience_group, count(*) from campaign_audience where campaign_id = ?"
                    + " group by audience_group").param(campaignId));
        });
    }

    /** The same statement as {@link #freeze}, with the entry condition added and nothing deleted. */
    @Override
    public AudienceCounts admitCohort(long campaignId, long runId, long previousRunId, CampaignPlan plan, Instant at) {
        boolean narrowed = plan.target().tacticalSegment().isPresent();
        String entered = ENTERED.formatted(narrowed ? NARROWED_BEFORE : "");
        String narrowing = narrowed ? NARROWED : "";
        String admit = FREEZE.formatted(ConsentSql.consented("ca.channel", "c"), narrowing, HoldoutSql.heldOut("c.customer_id"), entered,
                ControlGroupSql.isControl(":campaign", "customer_id", ":threshold"), ":run");
        return transactions.execute(tx -> {
            // caps count other campaigns' deliveries: one admission or launch at a time (held to commit), as in freeze
            jdbc.sql(AUDIENCES_TAKE_TURNS).query(rs -> { });
            // the entrants are counted before they are admitted: once in the audience, they are no longer "not in it yet"
            long members = narrowedTo(jdbc.sql(MEMBERS.formatted(narrowing, HoldoutSql.heldOut("c.customer_id"), entered))
                    .param("run", runId).param("previous", previousRunId).param("campaign", campaignId)
                    .param("segment", plan.target().segmentKey()), plan).query(Long.class).single();
            long capped = narrowedTo(jdbc.sql(admit).param("campaign", campaignId).param("run", runId).param("previous", previousRunId)
                    .param("segment", plan.target().segmentKey()).param("threshold", plan.controlGroup().threshold())
                    .param("at", Timestamp.from(at)), plan).query(Long.class).single();
            return counted(members, capped, jdbc.sql("select audience_group, count(*) from campaign_audience where campaign_id = ?"
                    + " and cohort_run_id = ? group by audience_group").params(campaignId, runId));
        });
    }

    /**
     * {@code members} split by the groups {@code groupCounts} reads (group, count); of those in neither, {@code capped} were
     * left out by a frequency cap and the rest excluded for consent.
     */
    private static AudienceCounts counted(long members, long capped, JdbcClient.StatementSpec groupCounts) {
        long[] groups = new long[2];
        groupCounts.query(rs -> {
            groups[AudienceGroup.valueOf(rs.getString(1)).ordinal()] = rs.getLong(2);
        });
        long treatment = groups[AudienceGroup.TREATMENT.ordinal()];
        long control = groups[AudienceGroup.CONTROL.ordinal()];
        return new AudienceCounts(members, members - capped - treatment - control, capped, treatment, control);
    }

    /**
     * The freeze itself, rolled back: the estimate cannot drift from what the launch then freezes (the control group's
     * formula is deterministic, the run the same), at the price of one statement's work.
     */
    @Override
    public AudienceCounts estimate(long campaignId, long runId, CampaignPlan plan, Instant at) {
        return transactions.execute(tx -> {
            AudienceCounts counts = freeze(campaignId, runId, plan, at);
            tx.setRollbackOnly();
            return counts;
        });
    }

    private static JdbcClient.StatementSpec narrowedTo(JdbcClient.StatementSpec statement, CampaignPlan plan) {
        return plan.target().tacticalSegment().map(id -> statement.param("narrowedTo", id)).orElse(statement);
    }

    /**
     * Read from the counts kept by the audience's triggers (changeset 370), not from the audience: a page visit reads the
     * campaign's few change rows by index, whatever the audience's size; more than {@link #FOLD_AFTER} are folded into one
     * per key (only the rows this statement sees: changes appended meanwhile stay).
     */
    @Override
    public List<ActionCount> countsByAction(long campaignId) {
        long changes = jdbc.sql("select count(*) from campaign_audience_count_changes where campaign_id = ?").param(campaignId)
                .query(Long.class).single();
        if (changes > FOLD_AFTER) {
            jdbc.sql("""
                            with folded as (delete from campaign_audience_count_changes where campaign_id = :campaign
                                            returning audience_group, tactical_segment_id, action_position, members)
                            insert into campaign_audience_count_changes (campaign_id, audience_group, tactical_segment_id, action_position, members)
                            select :campaign, audience_group, tactical_segment_id, action_position, sum(members) from folded
                            group by 2, 3, 4 having sum(members) <> 0""")
                    .param("campaign", campaignId).update();
        }
        return jdbc.sql("""
                        select audience_group, tactical_segment_id, action_position, sum(members) from campaign_audience_count_changes
                        where campaign_id = ? group by 1, 2, 3 having sum(members) <> 0 order by 1 desc, 3""")
                .param(campaignId)
                .query((rs, n) -> new ActionCount(AudienceGroup.valueOf(rs.getString(1)), actionList(rs), rs.getInt(3), rs.getLong(4))).list();
    }

    /** More change rows than this for one campaign are folded by the next reader. */
    static final int FOLD_AFTER = 64;

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
