package io.strata.adapters.persistence.campaign;

import io.strata.application.campaign.DestinationSettings;
import io.strata.application.campaign.StoredDestination;
import io.strata.application.campaign.port.out.StoredDestinations;
import io.strata.domain.campaign.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.strata.adapters.persistence.campaign.JdbcCampaigns.instant;

/** The {@code delivery_destinations} table and the channels each is the default of ({@code destination_channels}). */
@Repository
public class JdbcStoredDestinations implements StoredDestinations {

    private static final String SELECT = """
            select d.*, array(select c.channel from destination_channels c where c.destination_id = d.destination_id order by 1) as channels
            from delivery_destinations d""";

    private final JdbcClient jdbc;

    public JdbcStoredDestinations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StoredDestination> all() {
        return jdbc.sql(SELECT + " order by d.name").query((rs, n) -> destination(rs)).list();
    }

    @Override
    public void lockForChange() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('strata-delivery-destinations'))").query(rs -> { });
    }

    /** The shared side of {@link #lockForChange}'s lock: uses do not wait for one another, changes wait for them all. */
    @Override
    public void lockForUse() {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext('strata-delivery-destinations'))").query(rs -> { });
    }

    @Override
    public Optional<StoredDestination> named(String name) {
        return jdbc.sql(SELECT + " where d.name = ?").param(name).query((rs, n) -> destination(rs)).optional();
    }

    @Override
    public Optional<StoredDestination> byId(long id) {
        return jdbc.sql(SELECT + " where d.destination_id = ?").param(id).query((rs, n) -> destination(rs)).optional();
    }

    @Override
    public StoredDestination create(DestinationSettings settings, String by) {
        long id = jdbc.sql("insert into delivery_destinations (name, url, secret, updated_by) values (?, ?, ?, ?) returning destination_id")
                .params(settings.name(), settings.url().toString(), settings.secret(), by).query(Long.class).single();
        setChannels(id, settings.channels());
        return byId(id).orElseThrow();
    }

    @Override
    public StoredDestination update(DestinationSettings settings, String by) {
        long id = jdbc.sql("""
                        update delivery_destinations set url = ?, secret = coalesce(?, secret), updated_at = now(), updated_by = ?
                        where name = ? returning destination_id""")
                .params(settings.url().toString(), settings.secret(), by, settings.name()).query(Long.class).single();
        jdbc.sql("delete from destination_channels where destination_id = ?").param(id).update();
        setChannels(id, settings.channels());
        return byId(id).orElseThrow();
    }

    @Override
    public boolean delete(String name) {
        boolean used = jdbc.sql("""
                        select exists (select 1 from campaign_actions a join delivery_destinations d using (destination_id) where d.name = ?)
                            or exists (select 1 from campaign_deliveries x join delivery_destinations d using (destination_id) where d.name = ?)""")
                .params(name, name).query(Boolean.class).single();
        return !used && jdbc.sql("delete from delivery_destinations where name = ?").param(name).update() == 1;
    }

    private void setChannels(long id, Set<Channel> channels) {
        channels.forEach(channel -> jdbc.sql("insert into destination_channels (channel, destination_id) values (?, ?)")
                .params(channel.name(), id).update());
    }

    private static StoredDestination destination(ResultSet rs) throws SQLException {
        Array channels = rs.getArray("channels");
        Set<Channel> set = Arrays.stream((String[]) channels.getArray()).map(Channel::valueOf).collect(Collectors.toSet());
        return new StoredDestination(rs.getLong("destination_id"), rs.getString("name"), URI.create(rs.getString("url")), rs.getString("secret"),
                set, instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getString("updated_by"));
    }
}
