package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.BatchOutcome;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.DeliveryRoute;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.DeliveryStatus;
import io.strata.domain.campaign.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import static io.strata.adapters.persistence.campaign.JdbcCampaignAudiences.actionList;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/**
 * The outbox table: treated customers with their action and its list, written set-based at launch, with the webhook's
 * status per row and the claim of the node sending it.
 */
@Repository
public class JdbcDeliveryOutbox implements DeliveryOutbox {

    private static final String COLUMNS = "delivery_id, customer_id, email, phone, channel, content, discount_percent, tactical_segment_id,"
            + " status, attempts, last_error, destination_id";

    /** A row's destination's name, for the download and the webhook relay. */
    private static final String DESTINATION_NAME = "(select dd.name from delivery_destinations dd where dd.destination_id = %s.destination_id) as destination";

    private final JdbcClient jdbc;

    public JdbcDeliveryOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long enqueue(long campaignId) {
        return jdbc.sql("""
                        insert into campaign_deliveries (campaign_id, customer_key, customer_id, email, phone, channel, content, discount_percent,
                                                         tactical_segment_id, destination_id)
                        select g.campaign_id, g.customer_key, c.customer_id, c.email, c.phone, ca.channel, ca.content, ca.discount_percent,
                               g.tactical_segment_id, coalesce(ca.destination_id, dc.destination_id)
                        from campaign_audience g join customers c using (customer_key)
                        join campaign_actions ca on ca.campaign_id = g.campaign_id and ca.position = g.action_position
                        left join destination_channels dc on dc.channel = ca.channel
                        where g.campaign_id = ? and g.audience_group = 'TREATMENT'
                        order by c.customer_id
                        on conflict (campaign_id, customer_key) do nothing""")
                .param(campaignId).update();
    }

    /**
     * One statement: the inner select locks the rows it picks and skips rows another node is locking right now, and the
     * lease written with them keeps them out of every other claim until it lapses (the database's clock, one for all
     * nodes). A row whose claim ended by a sent/failed mark, or whose lease ran out, can be claimed again.
     */
    @Override
    public List<Long> campaignsWithUntriedDeliveries() {
        // the partial index of changeset 143 holds only untried rows, so this stays cheap however many were sent
        return jdbc.sql("""
                        select distinct campaign_id from campaign_deliveries
                        where status = 'PENDING' and attempts = 0 and (claimed_until is null or claimed_until < clock_timestamp())
                        order by campaign_id""")
                .query(Long.class).list();
    }

    @Override
    public List<DeliveryRoute> unsentRoutes(long campaignId) {
        return jdbc.sql("""
                        select distinct destination_id from campaign_deliveries where campaign_id = ? and status <> 'SENT'
                        order by destination_id nulls first""")
                .param(campaignId).query((rs, n) -> {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? DeliveryRoute.START_UP_SETTING : DeliveryRoute.stored(id);
                }).list();
    }

    @Override
    public List<Delivery> claim(long campaignId, DeliveryRoute route, long afterDeliveryId, int limit, String node, Duration lease) {
        List<Delivery> claimed = jdbc.sql("""
                        update campaign_deliveries d set claimed_by = ?, claimed_until = clock_timestamp() + make_interval(secs => ?)
                        from (select delivery_id from campaign_deliveries
                              where campaign_id = ? and destination_id is not distinct from ? and status <> 'SENT' and delivery_id > ?
                                and (claimed_until is null or claimed_until < clock_timestamp())
                              order by delivery_id limit ?
                              for update skip locked) c
                        where d.delivery_id = c.delivery_id
                        """ + " returning " + COLUMNS.replace("delivery_id,", "d.delivery_id,").replace(", destination_id", ", d.destination_id")
                        + ", " + DESTINATION_NAME.formatted("d"))
                .params(node, lease.toMillis() / 1000.0, campaignId, route.destinationId(), afterDeliveryId, limit)
                .query((rs, n) -> delivery(rs)).list();
        return claimed.stream().sorted(Comparator.comparingLong(Delivery::deliveryId)).toList();
    }

    private static final String SENT = """
            update campaign_deliveries set status = 'SENT', attempts = attempts + ?, sent_at = ?, last_attempt_at = ?,
                                           claimed_by = null, claimed_until = null
            where delivery_id = any(?)""";

    private static final String FAILED = """
            update campaign_deliveries set status = 'FAILED', attempts = attempts + ?, last_error = ?, last_attempt_at = ?,
                                           claimed_by = null, claimed_until = null
            where delivery_id = any(?)""";

    @Override
    public void markSent(List<Long> deliveryIds, int attempts, Instant at) {
        jdbc.sql(SENT).params(attempts, timestamp(at), timestamp(at), deliveryIds.toArray(Long[]::new)).update();
    }

    @Override
    public void markFailed(List<Long> deliveryIds, int attempts, String error, Instant at) {
        jdbc.sql(FAILED).params(attempts, error, timestamp(at), deliveryIds.toArray(Long[]::new)).update();
    }

    /** The same marks, on the rows the node still claims (its lease may have run out meanwhile, and another node taken them). */
    @Override
    public int markLate(BatchOutcome outcome, String node) {
        Long[] ids = outcome.deliveryIds().toArray(Long[]::new);
        return outcome.status() == DeliveryStatus.SENT
                ? jdbc.sql(SENT + " and claimed_by = ?").params(outcome.attempts(), timestamp(outcome.at()), timestamp(outcome.at()), ids, node).update()
                : jdbc.sql(FAILED + " and claimed_by = ?").params(outcome.attempts(), outcome.error(), timestamp(outcome.at()), ids, node).update();
    }

    /**
     * Read from the counts kept by the outbox's triggers (changeset 370), not from the outbox: every sent or failed batch
     * appends one change row per status it moved, so more than {@link JdbcCampaignAudiences#FOLD_AFTER} of a campaign are
     * folded into one per status by the next reader (only the rows this statement sees: changes appended meanwhile stay).
     */
    @Override
    public DeliveryCounts counts(long campaignId) {
        long changes = jdbc.sql("select count(*) from campaign_delivery_count_changes where campaign_id = ?").param(campaignId)
                .query(Long.class).single();
        if (changes > JdbcCampaignAudiences.FOLD_AFTER) {
            jdbc.sql("""
                            with folded as (delete from campaign_delivery_count_changes where campaign_id = :campaign returning status, deliveries)
                            insert into campaign_delivery_count_changes (campaign_id, status, deliveries)
                            select :campaign, status, sum(deliveries) from folded group by 2 having sum(deliveries) <> 0""")
                    .param("campaign", campaignId).update();
        }
        long[] counts = new long[DeliveryStatus.values().length];
        jdbc.sql("select status, sum(deliveries) from campaign_delivery_count_changes where campaign_id = ? group by status").param(campaignId)
                .query(rs -> {
                    counts[DeliveryStatus.valueOf(rs.getString(1)).ordinal()] = rs.getLong(2);
                });
        return new DeliveryCounts(counts[DeliveryStatus.PENDING.ordinal()], counts[DeliveryStatus.SENT.ordinal()],
                counts[DeliveryStatus.FAILED.ordinal()]);
    }

    @Override
    public void stream(long campaignId, Consumer<Delivery> deliveries) {
        jdbc.sql("select " + COLUMNS + ", " + DESTINATION_NAME.formatted("campaign_deliveries")
                        + " from campaign_deliveries where campaign_id = ? order by customer_id")
                .param(campaignId).withFetchSize(10_000)
                .query(rs -> {
                    deliveries.accept(delivery(rs));
                });
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("delivery_id"), rs.getString("customer_id"), rs.getString("email"), rs.getString("phone"),
                Channel.valueOf(rs.getString("channel")), rs.getString("content"), rs.getBigDecimal("discount_percent"),
                actionList(rs), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getString("destination") == null ? DeliveryRoute.START_UP_SETTING_NAME : rs.getString("destination"));
    }
}
