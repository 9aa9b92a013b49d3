package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.HoldoutMigration;
import io.strata.application.campaign.HoldoutRevenue;
import io.strata.application.campaign.HoldoutSize;
import io.strata.application.campaign.StoredHoldout;
import io.strata.application.campaign.port.out.Holdouts;
import io.strata.domain.campaign.GlobalHoldout;
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
                        from (select %s as held,
                                     coalesce((select sum(o.total) from orders o where o.customer_key = c.customer_key and o.total > 0
                                               and o.ordered_at >= ? and o.ordered_at < ?), 0) as revenue
                              from customers c) r
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
