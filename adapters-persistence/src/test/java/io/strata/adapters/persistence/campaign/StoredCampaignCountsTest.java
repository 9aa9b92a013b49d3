package io.strata.adapters.persistence.campaign;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.campaign.ActionCount;
import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.BatchOutcome;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.DeliveryRoute;
import io.strata.application.campaign.DeliveryStatus;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A launched campaign's audience by group and action and its deliveries by status are kept by triggers (changeset 370)
 * and read without counting the audience. Oracle: the same counts taken from campaign_audience and campaign_deliveries
 * themselves ({@link #audienceCounted}, {@link #deliveriesCounted}), after every kind of change those tables see: a
 * freeze, a freeze again, an estimate rolled back, the outbox's enqueue, claims, sent and failed marks, a retry, a
 * customer's erasure, another campaign's deletion, many small batches (folded) and a truncation.
 */
class StoredCampaignCountsTest {

    private static final long RUN = 900;
    private static final Instant AT = Instant.parse("2024-07-01T12:00:00Z");
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final JdbcCampaigns campaigns = new JdbcCampaigns(jdbc, transactions);
    private final JdbcCampaignAudiences audiences = new JdbcCampaignAudiences(jdbc, transactions);
    private final JdbcDeliveryOutbox outbox = new JdbcDeliveryOutbox(jdbc);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("truncate table tactical_run_sizes, tactical_members, tactical_segments, campaigns cascade");
        // c01..c40 in at_risk, every one with both opt-ins; x1 elsewhere
        TestDatabase.execute("insert into customers (customer_id, email_opt_in, sms_opt_in) select 'c' || lpad(i::text, 2, '0'), true, true "
                + "from generate_series(1, 40) i");
        TestDatabase.execute("insert into customers (customer_id, email_opt_in, sms_opt_in) values ('x1', true, true)");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'ACTIVE')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '2024-06-30', 'COMPLETED')");
        TestDatabase.execute("create table run_assignments_" + RUN + " partition of run_assignments for values in (" + RUN + ")");
        TestDatabase.execute("""
                insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary)
                select %d, customer_key, case when customer_id like 'c%%' then 'at_risk' else 'champions' end, 3, 30 from customers""".formatted(RUN));
    }

    @Test
    void theStoredCountsAreTheAudiencesAndTheOutboxsOwnAfterEveryKindOfChange() {
        long tactical = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', 'at_risk', 'frequency > 1', 'ACTIVE') "
                + "returning tactical_id").query(Long.class).single();
        // c01..c10 are the tactical segment's members: they get its SMS, the others the default email
        jdbc.sql("insert into tactical_members (run_id, tactical_id, customer_key) select ?, ?, customer_key from customers where customer_id <= 'c10'")
                .params(RUN, tactical).update();
        CampaignPlan plan = new CampaignPlan("Win back", null, Target.segment("at_risk"),
                List.of(new Action.Message(io.strata.domain.campaign.Channel.EMAIL, "mail")),
                List.of(new TacticalAction(tactical, new Action.Message(io.strata.domain.campaign.Channel.SMS, "text"))),
                new ControlGroup(new BigDecimal("30")), null, null);
        long id = campaigns.add(plan);
        long other = campaigns.add(plan);

        audiences.freeze(id, RUN, plan, AT);
        assertAgree(id);
        assertThat(audiences.countsByAction(id).stream().mapToLong(ActionCount::customers).sum()).as("all 40 members").isEqualTo(40);
        assertThat(audiences.countsByAction(id)).extracting(ActionCount::actionList).contains(ActionList.DEFAULT, new ActionList.Tactical(tactical));

        // a freeze again deletes and inserts the same audience; an estimate of another campaign is rolled back
        audiences.freeze(id, RUN, plan, AT);
        audiences.estimate(other, RUN, plan, AT);
        assertAgree(id);
        assertThat(audiences.countsByAction(other)).isEmpty();
        assertThat(outbox.counts(other)).isEqualTo(new DeliveryCounts(0, 0, 0));

        long treated = audienceCounted(id).stream().filter(c -> c.group() == AudienceGroup.TREATMENT).mapToLong(ActionCount::customers).sum();
        assertThat(outbox.enqueue(id)).isEqualTo(treated);
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(treated, 0, 0));

        // claims change no status; then 3 sent, 2 failed, and one of the failed sent on a retry
        List<Delivery> claimed = outbox.claim(id, DeliveryRoute.START_UP_SETTING, 0, 5, "node-a", Duration.ofMinutes(1));
        assertThat(claimed).hasSize(5);
        assertAgree(id);
        outbox.markSent(List.of(claimed.get(0).deliveryId(), claimed.get(1).deliveryId(), claimed.get(2).deliveryId()), 1, AT);
        outbox.markFailed(List.of(claimed.get(3).deliveryId(), claimed.get(4).deliveryId()), 1, "503", AT);
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(treated - 5, 3, 2));
        outbox.markSent(List.of(claimed.get(3).deliveryId()), 1, AT);
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(treated - 5, 4, 1));
        assertAgree(id);

        // a late mark (the outbox was away when the batch ended) marks only the rows the node still claims
        List<Long> late = outbox.claim(id, DeliveryRoute.START_UP_SETTING, claimed.get(4).deliveryId(), 2, "node-a", Duration.ofMinutes(1))
                .stream().map(Delivery::deliveryId).toList();
        assertThat(late).hasSize(2);
        assertThat(outbox.markLate(new BatchOutcome(id, late, DeliveryStatus.SENT, 1, null, AT), "node-b")).isZero();
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(treated - 5, 4, 1));
        assertThat(outbox.markLate(new BatchOutcome(id, late, DeliveryStatus.FAILED, 2, "503", AT), "node-a")).isEqualTo(2);
        assertThat(outbox.markLate(new BatchOutcome(id, late, DeliveryStatus.SENT, 1, null, AT), "node-a")).as("their claim ended").isZero();
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(treated - 7, 4, 3));
        assertAgree(id);

        // an erased customer leaves the audience and the outbox (cascade); c01 is treated or control, and was claimed first or not
        jdbc.sql("delete from customers where customer_id in ('c01', 'c12')").update();
        assertAgree(id);
        assertThat(audiences.countsByAction(id).stream().mapToLong(ActionCount::customers).sum()).isEqualTo(38);

        // another campaign's audience and deletion leave this one's counts alone
        audiences.freeze(other, RUN, plan, AT);
        assertAgree(other);
        jdbc.sql("delete from campaigns where campaign_id = ?").param(other).update();
        assertThat(audiences.countsByAction(other)).isEmpty();
        assertAgree(id);

        // one row at a time: more change rows than the fold's bound, folded by the readers, the counts unchanged
        List<Long> pending = jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? and status = 'PENDING' order by 1")
                .param(id).query(Long.class).list();
        for (int i = 0; i < JdbcCampaignAudiences.FOLD_AFTER + 6; i++) {
            long delivery = pending.get(i % pending.size());
            if (i % 2 == 0) {
                outbox.markFailed(List.of(delivery), 1, "timeout", AT);
            } else {
                outbox.markSent(List.of(delivery), 1, AT);
            }
        }
        // an update moving a member between groups appends two rows (one key up, one down); one that changes nothing, none
        for (int i = 0; i < JdbcCampaignAudiences.FOLD_AFTER / 2 + 3; i++) {
            jdbc.sql("update campaign_audience set audience_group = case audience_group when 'TREATMENT' then 'CONTROL' else 'TREATMENT' end "
                    + "where campaign_id = ? and customer_key = (select min(customer_key) from campaign_audience where campaign_id = ?)")
                    .params(id, id).update();
            jdbc.sql("update campaign_audience set action_position = action_position where campaign_id = ?").param(id).update();
        }
        jdbc.sql("delete from campaign_audience where campaign_id = ? and customer_key in (select customer_key from campaign_audience "
                + "where campaign_id = ? order by customer_key desc limit 3)").params(id, id).update();
        assertAgree(id);
        assertThat(audiences.countsByAction(id).stream().mapToLong(ActionCount::customers).sum()).isEqualTo(35);
        assertThat(changeRows("campaign_delivery_count_changes", id)).as("folded by the read").isLessThanOrEqualTo(3);
        assertThat(changeRows("campaign_audience_count_changes", id)).as("folded by the read").isLessThanOrEqualTo(4);
        assertAgree(id);

        // a truncation (as tests and a reset do) leaves nothing counted
        TestDatabase.execute("truncate table customers cascade");
        assertThat(audiences.countsByAction(id)).isEmpty();
        assertThat(outbox.counts(id)).isEqualTo(new DeliveryCounts(0, 0, 0));
    }

    private void assertAgree(long id) {
        assertThat(audiences.countsByAction(id)).as("audience of campaign " + id).isEqualTo(audienceCounted(id));
        assertThat(outbox.counts(id)).as("deliveries of campaign " + id).isEqualTo(deliveriesCounted(id));
    }

    /** The oracle: the audience counted as the page did before changeset 370. */
    private List<ActionCount> audienceCounted(long id) {
        return jdbc.sql("""
                        select audience_group, tactical_segment_id, action_position, count(*) from campaign_audience where campaign_id = ?
                        group by 1, 2, 3 order by 1 desc, 3""")
                .param(id)
                .query((rs, n) -> new ActionCount(AudienceGroup.valueOf(rs.getString(1)), JdbcCampaignAudiences.actionList(rs), rs.getInt(3),
                        rs.getLong(4))).list();
    }

    /** The oracle: the outbox counted by status. */
    private DeliveryCounts deliveriesCounted(long id) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'PENDING'), count(*) filter (where status = 'SENT'), count(*) filter (where status = 'FAILED')
                        from campaign_deliveries where campaign_id = ?""")
                .param(id).query((rs, n) -> new DeliveryCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private long changeRows(String table, long id) {
        return jdbc.sql("select count(*) from " + table + " where campaign_id = ?").param(id).query(Long.class).single();
    }
}
