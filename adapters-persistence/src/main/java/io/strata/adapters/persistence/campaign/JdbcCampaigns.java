package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.CampaignSelection;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignState;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns as one row each plus their ordered actions; the state columns are read back into the state's own type. */
@Repository
public class JdbcCampaigns implements Campaigns {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcCampaigns(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public long add(CampaignPlan plan) {
        return transactions.execute(tx -> {
            long id = jdbc.sql("""
                        insert into campaigns (name, objective, target_segment, tactical_segment_id, control_percent, attribution_days, start_at, state)
                        values (?, ?, ?, ?, ?, ?, ?, 'DRAFT') returning campaign_id""")
                .params(plan.name(), plan.objective(), plan.target().segmentKey(), plan.target().tacticalSegmentId(),
                        plan.controlGroup().percent(), plan.attributionWindow().days(), timestamp(plan.startAt()))
                .query(Long.class).single();
            insertActions(id, plan);
            return id;
        });
    }

    @Override
    public Optional<StoredCampaign> find(long id) {
        return find(id, "");
    }

    @Override
    public Optional<StoredCampaign> lockForChange(long id) {
        // a concurrent change waits here for the holder's commit, then reads the state that commit left
        return find(id, " for update");
    }

    private Optional<StoredCampaign> find(long id, String lock) {
        return jdbc.sql("select * from campaigns where campaign_id = ?" + lock).param(id).query((rs, n) -> row(rs)).optional()
                .map(row -> row.toStored(actionsOf(List.of(id)).getOrDefault(id, List.of())));
    }

    @Override
    public List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit) {
        // each selection reads its index newest first and stops at the limit (changeset 500)
        String where;
        List<Object> params = new ArrayList<>();
        if (selection instanceof CampaignSelection.Targeting targeting) {
            where = "target_segment = ?";
            params.add(targeting.segmentKey());
        } else if (selection instanceof CampaignSelection.Using using) {
            where = "campaign_id in (select campaign_id from campaigns where tactical_segment_id = ?"
                    + " union select campaign_id from campaign_actions where tactical_segment_id = ?)";
            params.add(using.tacticalSegmentId());
            params.add(using.tacticalSegmentId());
        } else if (selection instanceof CampaignSelection.Named named) {
            if (named.fragment().indexOf('\0') >= 0) {
                // no name holds a NUL (PostgreSQL's text cannot), and PostgreSQL refuses one in a parameter
                return List.of();
            }
            where = "lower(name) like lower(?) escape '\\'";
            params.add("%" + named.fragment().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        } else {
            where = "true";
        }
        params.add(before == null ? Long.MAX_VALUE : before);
        params.add(limit);
        List<Row> rows = jdbc.sql("select * from campaigns where " + where + " and campaign_id < ? order by campaign_id desc limit ?")
                .params(params).query((rs, n) -> row(rs)).list();
        Map<Long, List<ActionRow>> actions = actionsOf(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.toStored(actions.getOrDefault(row.id(), List.of()))).toList();
    }

    @Override
    public Map<String, Long> countsByTarget() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select target_segment, count(*) from campaigns group by target_segment")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    @Override
    public boolean update(Campaign next, CampaignState expected) {
        return Boolean.TRUE.equals(transactions.execute(tx -> updateInTransaction(next, expected)));
    }

    private boolean updateInTransaction(Campaign next, CampaignState expected) {
        CampaignPlan plan = next.plan();
        Optional<Launch> launch = next.launched();
        Instant scheduledAt = next instanceof Campaign.Scheduled s ? s.scheduledAt() : next instanceof Campaign.Running r ? r.scheduledAt() : null;
        Campaign.Cancelled cancelled = next instanceof Campaign.Cancelled c ? c : null;
        int updated = jdbc.sql("""
                        update campaigns set name = :name, objective = :objective, target_segment = :segment, tactical_segment_id = :tactical,
                          control_percent = :control, attribution_days = :days, start_at = :startAt, state = :state,
                          scheduled_at = coalesce(:scheduledAt, scheduled_at), launched_at = :launchedAt, run_id = :runId,
                          audience_members = :members, excluded_for_consent = :excluded, capped = :capped, treatment = :treatment, control = :controlCount,
                          completed_at = :completedAt, cancelled_at = :cancelledAt, cancelled_from = :cancelledFrom, cancel_reason = :reason
                        where campaign_id = :id and state = :expected""")
                .param("name", plan.name()).param("objective", plan.objective()).param("segment", plan.target().segmentKey())
                .param("tactical", plan.target().tacticalSegmentId()).param("control", plan.controlGroup().percent())
                .param("days", plan.attributionWindow().days()).param("startAt", timestamp(plan.startAt())).param("state", next.state().name())
                .param("scheduledAt", timestamp(scheduledAt))
                .param("launchedAt", timestamp(launch.map(Launch::launchedAt).orElse(null)))
                .param("runId", launch.map(Launch::runId).orElse(null))
                .param("members", launch.map(l -> l.audience().members()).orElse(null))
                .param("excluded", launch.map(l -> l.audience().excludedForConsent()).orElse(null))
                .param("capped", launch.map(l -> l.audience().capped()).orElse(null))
                .param("treatment", launch.map(l -> l.audience().treatment()).orElse(null))
                .param("controlCount", launch.map(l -> l.audience().control()).orElse(null))
                .param("completedAt", timestamp(next instanceof Campaign.Completed c ? c.completedAt() : null))
                .param("cancelledAt", timestamp(cancelled == null ? null : cancelled.cancelledAt()))
                .param("cancelledFrom", cancelled == null ? null : cancelled.cancelledFrom().name())
                .param("reason", cancelled == null ? null : cancelled.reason())
                .param("id", next.id()).param("expected", expected.name())
                .update();
        if (updated == 1 && next.state() == CampaignState.DRAFT) {
            jdbc.sql("delete from campaign_actions where campaign_id = ?").param(next.id()).update();
            insertActions(next.id(), plan);
        }
        return updated == 1;
    }

    private void insertActions(long id, CampaignPlan plan) {
        int position = 0;
        for (Action action : plan.actions()) {
            insertAction(id, position++, null, action);
        }
        for (TacticalAction tactical : plan.tacticalActions()) {
            insertAction(id, position++, tactical.tacticalSegmentId(), tactical.action());
        }
    }

    private void insertAction(long id, int position, Long tacticalSegmentId, Action action) {
        jdbc.sql("""
                        insert into campaign_actions (campaign_id, position, tactical_segment_id, channel, content, discount_percent, destination_id)
                        values (?, ?, ?, ?, ?, ?, (select destination_id from delivery_destinations where name = ?))""")
                .params(id, position, tacticalSegmentId, action.channel().name(), action.content(), action.discountPercent().orElse(null),
                        action.destination().orElse(null))
                .update();
    }

    private Map<Long, List<ActionRow>> actionsOf(List<Long> ids) {
        Map<Long, List<ActionRow>> byCampaign = new HashMap<>();
        if (ids.isEmpty()) {
            return byCampaign;
        }
        jdbc.sql("""
                        select ca.*, dd.name as destination from campaign_actions ca left join delivery_destinations dd using (destination_id)
                        where ca.campaign_id = any(?) order by ca.campaign_id, ca.position""")
                .param(ids.toArray(Long[]::new))
                .query(rs -> {
                    Channel channel = Channel.valueOf(rs.getString("channel"));
                    String destination = rs.getString("destination");
                    Action action = channel == Channel.OFFER ? new Action.Offer(rs.getBigDecimal("discount_percent"), rs.getString("content"), destination)
                            : new Action.Message(channel, rs.getString("content"), destination);
                    long tactical = rs.getLong("tactical_segment_id");
                    Long tacticalId = rs.wasNull() ? null : tactical;
                    byCampaign.computeIfAbsent(rs.getLong("campaign_id"), k -> new ArrayList<>()).add(new ActionRow(tacticalId, action));
                });
        return byCampaign;
    }

    private record ActionRow(Long tacticalSegmentId, Action action) {
    }

    private record Row(long id, String name, String objective, String segment, Long tactical, BigDecimal controlPercent, int days,
                       Instant startAt, CampaignState state, Instant createdAt, Instant scheduledAt, Instant launchedAt, Long runId,
                       AudienceCounts audience, Instant completedAt, Instant cancelledAt, String cancelledFrom, String reason) {

        StoredCampaign toStored(List<ActionRow> actions) {
            CampaignPlan plan = new CampaignPlan(name, objective, new Target(segment, tactical),
                    actions.stream().filter(a -> a.tacticalSegmentId() == null).map(ActionRow::action).toList(),
                    actions.stream().filter(a -> a.tacticalSegmentId() != null).map(a -> new TacticalAction(a.tacticalSegmentId(), a.action())).toList(),
                    new ControlGroup(controlPercent), new AttributionWindow(days), startAt);
            Campaign campaign = switch (state) {
                case DRAFT -> new Campaign.Draft(id, plan);
                case SCHEDULED -> new Campaign.Scheduled(id, plan, scheduledAt);
                case RUNNING -> new Campaign.Running(id, plan, scheduledAt, new Launch(launchedAt, runId, audience));
                case COMPLETED -> new Campaign.Completed(id, plan, new Launch(launchedAt, runId, audience), completedAt);
                case CANCELLED -> new Campaign.Cancelled(id, plan, CampaignState.valueOf(cancelledFrom), cancelledAt, reason);
            };
            return new StoredCampaign(campaign, createdAt);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        long tactical = rs.getLong("tactical_segment_id");
        Long tacticalId = rs.wasNull() ? null : tactical;
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        AudienceCounts audience = runId == null ? null : new AudienceCounts(rs.getLong("audience_members"), rs.getLong("excluded_for_consent"),
                rs.getLong("capped"), rs.getLong("treatment"), rs.getLong("control"));
        return new Row(rs.getLong("campaign_id"), rs.getString("name"), rs.getString("objective"), rs.getString("target_segment"), tacticalId,
                rs.getBigDecimal("control_percent"), rs.getInt("attribution_days"), instant(rs.getTimestamp("start_at")),
                CampaignState.valueOf(rs.getString("state")), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("scheduled_at")),
                instant(rs.getTimestamp("launched_at")), runId, audience, instant(rs.getTimestamp("completed_at")),
                instant(rs.getTimestamp("cancelled_at")), rs.getString("cancelled_from"), rs.getString("cancel_reason"));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
