package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.port.out.FrequencyCaps;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The {@code frequency_caps} table: one row per capped channel. The launch's freeze reads it in SQL. */
@Repository
public class JdbcFrequencyCaps implements FrequencyCaps {

    private final JdbcClient jdbc;

    public JdbcFrequencyCaps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<FrequencyCap> all() {
        return jdbc.sql("select channel, max_deliveries, window_days from frequency_caps")
                .query((rs, n) -> new FrequencyCap(Channel.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3))).list()
                .stream().sorted(Comparator.comparing(FrequencyCap::channel)).toList();
    }

    @Override
    public Optional<FrequencyCap> of(Channel channel) {
        return all().stream().filter(cap -> cap.channel() == channel).findFirst();
    }

    /** A transaction-level advisory lock per channel, since a channel without a cap has no row to lock. */
    @Override
    public void lockForChange(Channel channel) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('strata-frequency-cap'), hashtext(?))").param(channel.name()).query(rs -> { });
    }

    @Override
    public void put(FrequencyCap cap, String by) {
        jdbc.sql("""
                        insert into frequency_caps (channel, max_deliveries, window_days, updated_by) values (?, ?, ?, ?)
                        on conflict (channel) do update set max_deliveries = excluded.max_deliveries, window_days = excluded.window_days,
                                                             updated_at = now(), updated_by = excluded.updated_by""")
                .params(cap.channel().name(), cap.maxDeliveries(), cap.windowDays(), by).update();
    }

    @Override
    public boolean remove(Channel channel) {
        return jdbc.sql("delete from frequency_caps where channel = ?").param(channel.name()).update() == 1;
    }
}
