package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.HoldoutMigration;
import io.strata.application.campaign.HoldoutRevenue;
import io.strata.application.campaign.HoldoutSize;
import io.strata.application.campaign.HoldoutView;
import io.strata.application.campaign.ProgrammeEffect;
import io.strata.application.campaign.ProgrammeMeasurement;
import io.strata.application.campaign.StoredHoldout;
import io.strata.application.campaign.port.out.Holdouts;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GlobalHoldout;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.RevenueSample;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static io.strata.adapters.persistence.campaign.JdbcCampaigns.instant;
import static io.strata.adapters.persistence.campaign.JdbcCampaigns.timestamp;

/** The one row of {@code global_holdout}, and the programme's outcomes on both sides of it, each one aggregate query. */
@Repository
public class JdbcHoldouts implements Holdouts {

    private static final String SELECT = "select share_percent, draw, drawn_at, baseline_run_id from global_holdout where holdout_id = 1";

    private final JdbcClient jdbc;

    public JdbcHoldouts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public StoredHoldout current() {
        return jdbc.sql(SELECT).query((rs, n) -> holdout(rs)).single();
    }

    @Override
    public StoredHoldout lockForChange() {
        return jdbc.sql(SELECT + " for update").query((rs, n) -> holdout(rs)).single();
    }

    @Override
    public void save(StoredHoldout stored) {
        GlobalHoldout holdout = stored.holdout();
        jdbc.sql("""
                        update global_holdout set share_percent = ?, draw = ?, threshold = ?, drawn_at = ?, baseline_run_id = ?
                        where holdout_id = 1""")
                .params(holdout.sharePercent(), holdout.draw(), holdout.threshold(), timestamp(stored.drawnAt()), stored.baselineRunId())
                .update();
    }

    @Override
    public HoldoutSize size() {
        return jdbc.sql("select count(*), count(*) filter (where " + HoldoutSql.heldOut("c.customer_id") + ") from customers c")
                .query((rs, n) -> new HoldoutSize(rs.getLong(1), rs.getLong(2))).single();
    }

    @Override
    public HoldoutRevenue revenue(Instant from, Instant to) {
        RevenueSample[] sides = {empty(), empty()};
        jdbc.sql("""
                        select held, count(*), coalesce(sum(revenue), 0), coalesce(sum(revenue * revenue), 0)
                        from (select %s as held, coalesce(o.revenue, 0) as revenue
                              from customers c
                              left join (select customer_key, sum(total) as revenue from orders
                                         where total > 0 and ordered_at >= ? and ordered_at < ? group by customer_key) o
                                     using (customer_key)) r
                        group by held""".formatted(HoldoutSql.heldOut("c.customer_id")))
                .params(timestamp(from), timestamp(to))
                .query(rs -> {
                    sides[rs.getBoolean(1) ? 0 : 1] = new RevenueSample(rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4));
                });
        return new HoldoutRevenue(sides[0], sides[1]);
    }

    @Override
    public Optional<Long> firstRunCompletedAfter(Instant at) {
        return jdbc.sql("select min(run_id) from segmentation_runs where status = 'COMPLETED' and finished_at >= ?")
                .param(timestamp(at)).query(Long.class).optional();
    }

    @Override
    public HoldoutMigration migration(long fromRunId, long toRunId) {
        long[] counts = new long[4];
        jdbc.sql("""
                        select %s as held, count(*), count(*) filter (where ls.rank > fs.rank)
                        from run_assignments fa join customers c using (customer_key)
                        join run_segments fs on fs.run_id = fa.run_id and fs.segment_key = fa.segment_key
                        join run_assignments la on la.run_id = ? and la.customer_key = fa.customer_key
                        join run_segments ls on ls.run_id = la.run_id and ls.segment_key = la.segment_key
                        where fa.run_id = ? group by 1""".formatted(HoldoutSql.heldOut("c.customer_id")))
                .params(toRunId, fromRunId)
                .query(rs -> {
                    int side = rs.getBoolean(1) ? 0 : 2;
                    counts[side] = rs.getLong(2);
                    counts[side + 1] = rs.getLong(3);
                });
        return new HoldoutMigration(counts[0], counts[1], counts[2], counts[3]);
    }

    @Override
    public void saveMeasurement(ProgrammeMeasurement measurement) {
        ProgrammeEffect e = measurement.effect();
        HoldoutView h = e.holdout();
        CampaignResult m = e.migration();
        jdbc.sql("""
                        insert into programme_measurements (run_id, measured_at, share_percent, draw, drawn_at, holdout_baseline_run_id,
                            customers, held_out, held_revenue_customers, held_revenue, held_revenue_squares, others_revenue_customers,
                            others_revenue, others_revenue_squares, baseline_run_id, later_run_id, held_compared, held_moved_up,
                            others_compared, others_moved_up)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (run_id) do update set measured_at = excluded.measured_at, share_percent = excluded.share_percent,
                            draw = excluded.draw, drawn_at = excluded.drawn_at, holdout_baseline_run_id = excluded.holdout_baseline_run_id,
                            customers = excluded.customers, held_out = excluded.held_out,
                            held_revenue_customers = excluded.held_revenue_customers, held_revenue = excluded.held_revenue,
                            held_revenue_squares = excluded.held_revenue_squares, others_revenue_customers = excluded.others_revenue_customers,
                            others_revenue = excluded.others_revenue, others_revenue_squares = excluded.others_revenue_squares,
                            baseline_run_id = excluded.baseline_run_id, later_run_id = excluded.later_run_id,
                            held_compared = excluded.held_compared, held_moved_up = excluded.held_moved_up,
                            others_compared = excluded.others_compared, others_moved_up = excluded.others_moved_up""")
                .params(measurement.runId(), timestamp(measurement.measuredAt()), h.sharePercent(), h.draw(), timestamp(h.drawnAt()),
                        h.baselineRunId(), h.customers(), h.heldOut(), e.heldOut().customers(), e.heldOut().revenue(),
                        e.heldOut().revenueSquares(), e.others().customers(), e.others().revenue(), e.others().revenueSquares(),
                        e.baselineRunId(), e.laterRunId(), m == null ? null : m.control().customers(), m == null ? null : m.control().movedUp(),
                        m == null ? null : m.treatment().customers(), m == null ? null : m.treatment().movedUp())
                .update();
    }

    @Override
    public Optional<ProgrammeMeasurement> latestMeasurement() {
        return jdbc.sql("select * from programme_measurements order by run_id desc limit 1").query((rs, n) -> measurement(rs)).optional();
    }

    private static ProgrammeMeasurement measurement(ResultSet rs) throws SQLException {
        Instant measuredAt = instant(rs.getTimestamp("measured_at"));
        HoldoutView holdout = new HoldoutView(rs.getBigDecimal("share_percent"), rs.getInt("draw"), instant(rs.getTimestamp("drawn_at")),
                nullableLong(rs, "holdout_baseline_run_id"), rs.getLong("customers"), rs.getLong("held_out"));
        RevenueSample held = new RevenueSample(rs.getLong("held_revenue_customers"), rs.getBigDecimal("held_revenue"),
                rs.getBigDecimal("held_revenue_squares"));
        RevenueSample others = new RevenueSample(rs.getLong("others_revenue_customers"), rs.getBigDecimal("others_revenue"),
                rs.getBigDecimal("others_revenue_squares"));
        Long later = nullableLong(rs, "later_run_id");
        // treatment = everyone else, control = the holdout, as ProgrammeEffect has them
        CampaignResult migration = later == null ? null : new CampaignResult(
                new GroupOutcome(rs.getLong("others_compared"), 0, BigDecimal.ZERO, rs.getLong("others_moved_up")),
                new GroupOutcome(rs.getLong("held_compared"), 0, BigDecimal.ZERO, rs.getLong("held_moved_up")));
        return new ProgrammeMeasurement(rs.getLong("run_id"), measuredAt, new ProgrammeEffect(holdout, holdout.drawnAt(), measuredAt, held,
                others, nullableLong(rs, "baseline_run_id"), later, migration));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static RevenueSample empty() {
        return new RevenueSample(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static StoredHoldout holdout(ResultSet rs) throws SQLException {
        long baseline = rs.getLong("baseline_run_id");
        Long baselineRunId = rs.wasNull() ? null : baseline;
        return new StoredHoldout(new GlobalHoldout(rs.getBigDecimal("share_percent"), rs.getInt("draw")), instant(rs.getTimestamp("drawn_at")),
                baselineRunId);
    }
}
