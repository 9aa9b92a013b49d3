package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.GroupMovedUp;
import io.strata.application.campaign.GroupConversions;
import io.strata.application.campaign.AudienceMember;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.Delivery;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.Consent;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audience freeze and the outcome queries on a hand-made run of 8 customers. */
class CampaignAudienceSqlTest {

    private static final long RUN = 900;
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final JdbcCampaigns campaigns = new JdbcCampaigns(jdbc, transactions);
    private final JdbcCampaignAudiences audiences = new JdbcCampaignAudiences(jdbc, transactions);
    private final JdbcCampaignOutcomes outcomes = new JdbcCampaignOutcomes(jdbc);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade");
        // email opt-in / sms opt-in per customer; a1..a6 are at_risk, b1 and b2 are not
        TestDatabase.execute("""
                insert into customers (customer_id, email_opt_in, sms_opt_in) values
                  ('a1', true, true), ('a2', true, null), ('a3', false, true), ('a4', null, null), ('a5', false, false), ('a6', true, false),
                  ('b1', true, true), ('b2', true, true)""");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'ACTIVE')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '2024-06-30', 'COMPLETED')");
        TestDatabase.execute("create table run_assignments_" + RUN + " partition of run_assignments for values in (" + RUN + ")");
        TestDatabase.execute("""
                insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary)
                select %d, customer_key, case when customer_id like 'a%%' then 'at_risk' else 'champions' end, 3, 30 from customers""".formatted(RUN));
    }

    @Test
    void eachMemberGetsTheFirstActionTheyConsentedToAndTheOthersAreExcludedAndCounted() {
        long id = campaigns.add(plan(List.of(new Action.Message(Channel.EMAIL, "mail"), new Action.Message(Channel.SMS, "text")), "0"));

        AudienceCounts counts = audiences.freeze(id, RUN, campaigns.find(id).orElseThrow().campaign().plan(), java.time.Instant.parse("2024-07-01T12:00:00Z"));

        // a1, a2, a6 by email (position 0); a3 by sms (position 1); a4 (nothing known) and a5 (both refused) excluded
        assertThat(counts).isEqualTo(new AudienceCounts(6, 2, 4, 0));
        assertThat(members(id)).containsExactly(Map.entry("a1", "TREATMENT 0"), Map.entry("a2", "TREATMENT 0"),
                Map.entry("a3", "TREATMENT 1"), Map.entry("a6", "TREATMENT 0"));
    }

    @Test
    void anOfferNeedsNoConsentSoNobodyIsExcluded() {
        long id = campaigns.add(plan(List.of(new Action.Message(Channel.CALL, "call them"), new Action.Offer(new BigDecimal("15"), "WB15")), "0"));

        AudienceCounts counts = audiences.freeze(id, RUN, campaigns.find(id).orElseThrow().campaign().plan(), java.time.Instant.parse("2024-07-01T12:00:00Z"));

        // call needs the sms (phone) opt-in: a1 and a3; everyone else gets the offer
        assertThat(counts).isEqualTo(new AudienceCounts(6, 0, 6, 0));
        assertThat(members(id)).containsEntry("a1", "TREATMENT 0").containsEntry("a3", "TREATMENT 0").containsEntry("a4", "TREATMENT 1");
    }

    @Test
    void theControlGroupIsTheDomainsFormulaAndAFreezeAgainReproducesIt() {
        long id = campaigns.add(plan(List.of(new Action.Offer(new BigDecimal("10"), "WB10")), "50"));
        CampaignPlan plan = campaigns.find(id).orElseThrow().campaign().plan();

        audiences.freeze(id, RUN, plan, java.time.Instant.parse("2024-07-01T12:00:00Z"));
        Map<String, String> first = members(id);
        AudienceCounts again = audiences.freeze(id, RUN, plan, java.time.Instant.parse("2024-07-01T12:00:00Z"));

        assertThat(members(id)).isEqualTo(first);
        ControlGroup group = plan.controlGroup();
        first.forEach((customer, row) -> assertThat(row).startsWith(group.contains(id, customer) ? "CONTROL" : "TREATMENT"));
        assertThat(again.control()).isEqualTo(first.values().stream().filter(v -> v.startsWith("CONTROL")).count());
    }

    @Test
    void aPlanNarrowedToATacticalSegmentFreezesOnlyTheTacticalMembersOfTheRun() {
        long tactical = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', 'at_risk', 'frequency > 1', 'ACTIVE') "
                + "returning tactical_id").query(Long.class).single();
        TestDatabase.execute("insert into tactical_members (run_id, tactical_id, customer_key) select " + RUN + ", " + tactical
                + ", customer_key from customers where customer_id = 'a1'");
        CampaignPlan narrowed = new CampaignPlan("x", null, new Target("at_risk", tactical), List.of(new Action.Offer(BigDecimal.TEN, "X")),
                null, null, null, null);

        AudienceCounts counts = audiences.freeze(campaigns.add(narrowed), RUN, narrowed, java.time.Instant.parse("2024-07-01T12:00:00Z"));

        assertThat(counts.members()).isEqualTo(1);
        assertThat(counts.treatment() + counts.control()).isEqualTo(1);
    }

    @Test
    void aMemberOfTacticalSegmentsGetsTheFirstOnesActionOrIsExcludedWithoutItsConsentAsTheDomainSays() {
        long sms = tactical("sms people", "a1", "a2", "a3");
        long mail = tactical("mail people", "a3", "a4", "a6");
        CampaignPlan plan = new CampaignPlan("Per tactical", null, Target.segment("at_risk"),
                List.of(new Action.Message(Channel.EMAIL, "mail"), new Action.Message(Channel.SMS, "text")),
                List.of(new TacticalAction(sms, new Action.Message(Channel.SMS, "tactical text")),
                        new TacticalAction(mail, new Action.Message(Channel.EMAIL, "tactical mail"))),
                new ControlGroup(BigDecimal.ZERO), null, null);
        long id = campaigns.add(plan);

        AudienceCounts counts = audiences.freeze(id, RUN, plan, java.time.Instant.parse("2024-07-01T12:00:00Z"));

        // positions: default email 0, sms 1; the sms people's text 2, the mail people's mail 3.
        // a1 (sms yes) and a3 (in both: the sms people come first; sms yes) get the text; a6 (email yes) the mail;
        // a2 (sms people, no sms opt-in) is excluded although the default email would reach it; a4 (mail people, email unknown) and
        // a5 (default, no opt-in at all) are excluded too
        assertThat(counts).isEqualTo(new AudienceCounts(6, 3, 3, 0));
        List<AudienceMember> members = new ArrayList<>();
        audiences.members(id, members::add);
        assertThat(members).containsExactly(
                new AudienceMember("a1", AudienceGroup.TREATMENT, new ActionList.Tactical(sms), 2),
                new AudienceMember("a3", AudienceGroup.TREATMENT, new ActionList.Tactical(sms), 2),
                new AudienceMember("a6", AudienceGroup.TREATMENT, new ActionList.Tactical(mail), 3));
        // the same, member by member, from the domain's reference of the rule
        Map<String, Set<Long>> tacticalOf = Map.of("a1", Set.of(sms), "a2", Set.of(sms), "a3", Set.of(sms, mail), "a4", Set.of(mail),
                "a5", Set.of(), "a6", Set.of(mail));
        Map<String, Set<Consent>> consents = Map.of("a1", Set.of(Consent.EMAIL_OPT_IN, Consent.SMS_OPT_IN), "a2", Set.of(Consent.EMAIL_OPT_IN),
                "a3", Set.of(Consent.SMS_OPT_IN), "a4", Set.of(), "a5", Set.of(), "a6", Set.of(Consent.EMAIL_OPT_IN));
        Map<String, AudienceMember> frozen = new HashMap<>();
        members.forEach(m -> frozen.put(m.customerId(), m));
        tacticalOf.forEach((customer, tactical) -> {
            ActionList list = plan.actionListFor(tactical);
            Optional<Action> action = plan.actionFor(list, consents.get(customer));
            assertThat(Optional.ofNullable(frozen.get(customer)).map(m -> m.actionList() + " " + plan.actionAt(m.actionPosition()).orElseThrow()))
                    .as(customer).isEqualTo(action.map(a -> list + " " + a));
        });

        new JdbcDeliveryOutbox(jdbc).enqueue(id);
        List<Delivery> deliveries = new ArrayList<>();
        new JdbcDeliveryOutbox(jdbc).stream(id, deliveries::add);
        assertThat(deliveries).extracting(d -> d.customerId() + " " + d.channel() + " " + d.content() + " " + d.actionList())
                .containsExactly("a1 SMS tactical text " + new ActionList.Tactical(sms), "a3 SMS tactical text " + new ActionList.Tactical(sms),
                        "a6 EMAIL tactical mail " + new ActionList.Tactical(mail));
    }

    @Test
    void conversionsAreCountedPerActionListAndGroup() {
        long tv = tactical("tv", "a1", "a2");
        long id = frozenWithAnOfferFor(tv);
        Instant launch = Instant.parse("2024-07-01T12:00:00Z");
        order("t1", "a1", launch, "40");
        order("t2", "a3", launch, "10");
        order("t3", "a4", launch, "5");

        // the tv list: a1, a2 (a1 bought 40); the default list: a3–a6 (a3 10 and a4 5)
        assertThat(outcomes.conversions(id, launch, launch.plusSeconds(86_400))).containsExactlyInAnyOrder(
                new GroupConversions(new ActionList.Tactical(tv), AudienceGroup.TREATMENT, 2, 1, new BigDecimal("40.0000")),
                new GroupConversions(ActionList.DEFAULT, AudienceGroup.TREATMENT, 4, 2, new BigDecimal("15.0000")));
    }

    @Test
    void aConversionIsAnOrderWithAPositiveTotalFromTheLaunchUpToButExcludingTheWindowEnd() {
        long id = campaigns.add(plan(List.of(new Action.Offer(BigDecimal.TEN, "WB10")), "0"));
        audiences.freeze(id, RUN, campaigns.find(id).orElseThrow().campaign().plan(), java.time.Instant.parse("2024-07-01T12:00:00Z"));
        Instant launch = Instant.parse("2024-07-01T12:00:00Z");
        Instant end = new AttributionWindow(30).end(launch);
        order("o1", "a1", launch, "40");                    // at the launch: counts
        order("o2", "a1", launch.plusSeconds(3600), "10");  // a second order of the same customer: revenue only
        order("o3", "a2", end.minusSeconds(1), "25");       // just inside
        order("o4", "a3", end, "99");                       // at the end: outside
        order("o5", "a4", launch.minusSeconds(1), "99");    // before the launch
        order("o6", "a5", launch.plusSeconds(60), "-20");   // a refund
        order("o7", "b1", launch.plusSeconds(60), "99");    // not in the audience

        List<GroupConversions> conversions = outcomes.conversions(id, launch, end);

        // no control group (0 %): the treatment of the default actions is the only row
        assertThat(conversions).containsExactly(
                new GroupConversions(ActionList.DEFAULT, AudienceGroup.TREATMENT, 6, 2, new BigDecimal("75.0000")));
    }

    @Test
    void migrationCountsMembersWhoseLaterSegmentRanksHigherPerActionList() {
        long tactical = tactical("a1 and a3", "a1", "a3");
        long id = frozenWithAnOfferFor(tactical);
        TestDatabase.execute("insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders) values "
                + "(900, 'hibernating', 'H', 2, 0, 0, 0), (900, 'at_risk', 'A', 4, 6, 0, 0), (900, 'champions', 'C', 11, 2, 0, 0)");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (901, 1, '2024-07-20', 'COMPLETED')");
        TestDatabase.execute("create table run_assignments_901 partition of run_assignments for values in (901)");
        TestDatabase.execute("insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders) values "
                + "(901, 'hibernating', 'H', 2, 1, 0, 0), (901, 'at_risk', 'A', 4, 3, 0, 0), (901, 'champions', 'C', 11, 4, 0, 0)");
        // a1, a2 up to champions; a3 down to hibernating; a4, a5 stay; a6 is missing from the later run
        TestDatabase.execute("""
                insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary)
                select 901, customer_key, case customer_id when 'a1' then 'champions' when 'a2' then 'champions' when 'a3' then 'hibernating'
                  when 'b1' then 'champions' when 'b2' then 'champions' else 'at_risk' end, 3, 30
                from customers where customer_id <> 'a6'""");

        assertThat(outcomes.laterRun(RUN)).contains(901L);
        // the tactical list (a1 up, a3 down) and the default list (a2 up; a4, a5 stay; a6 missing)
        assertThat(outcomes.movedUp(id, RUN, 901)).containsExactlyInAnyOrder(
                new GroupMovedUp(new ActionList.Tactical(tactical), AudienceGroup.TREATMENT, 1),
                new GroupMovedUp(ActionList.DEFAULT, AudienceGroup.TREATMENT, 1));
    }

    /** A campaign frozen without control group: a 10 % offer for at_risk, a 1 % offer for the tactical segment's members. */
    private long frozenWithAnOfferFor(long tacticalId) {
        CampaignPlan plan = new CampaignPlan("Per tactical", null, Target.segment("at_risk"), List.of(new Action.Offer(BigDecimal.TEN, "WB10")),
                List.of(new TacticalAction(tacticalId, new Action.Offer(BigDecimal.ONE, "T1"))), new ControlGroup(BigDecimal.ZERO), null, null);
        long id = campaigns.add(plan);
        audiences.freeze(id, RUN, plan, java.time.Instant.parse("2024-07-01T12:00:00Z"));
        return id;
    }

    /** A tactical segment of at_risk with the given members in the run. */
    private long tactical(String name, String... customers) {
        long id = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values (?, 'at_risk', 'frequency > 1', 'ACTIVE') "
                + "returning tactical_id").param(name).query(Long.class).single();
        jdbc.sql("insert into tactical_members (run_id, tactical_id, customer_key) select ?, ?, customer_key from customers where customer_id = any(?)")
                .params(RUN, id, customers).update();
        return id;
    }

    private void order(String orderId, String customer, Instant at, String total) {
        jdbc.sql("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), ?, customer_key, ?, ?, 1 from customers where customer_id = ?")
                .params(orderId, java.sql.Timestamp.from(at), new BigDecimal(total), customer).update();
    }

    private Map<String, String> members(long id) {
        Map<String, String> rows = new LinkedHashMap<>();
        List<AudienceMember> all = new ArrayList<>();
        audiences.members(id, all::add);
        all.forEach(m -> rows.put(m.customerId(), m.group() + " " + m.actionPosition()));
        return rows;
    }

    private static CampaignPlan plan(List<Action> actions, String controlPercent) {
        return new CampaignPlan("Win back", null, Target.segment("at_risk"), actions, null, new ControlGroup(new BigDecimal(controlPercent)), null, null);
    }

}
