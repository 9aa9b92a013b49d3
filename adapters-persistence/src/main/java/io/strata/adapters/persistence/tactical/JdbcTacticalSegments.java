package io.strata.adapters.persistence.tactical;

import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.application.tactical.VersionedTacticalSegment;
import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.tactical.TacticalStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@Repository
public class JdbcTacticalSegments implements TacticalSegments {

    private final JdbcClient jdbc;

    public JdbcTacticalSegments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long add(TacticalSegment segment) {
        return jdbc.sql("insert into tactical_segments (name, parent_segment, rule, hypothesis, status) values (?, ?, ?, ?, ?) returning tactical_id")
                .params(segment.name(), segment.parentSegment(), segment.rule(), segment.hypothesis(), segment.status().name())
                .query(Long.class).single();
    }

    @Override
    public Optional<StoredTacticalSegment> find(long id) {
        return jdbc.sql("select * from tactical_segments where tactical_id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    @Override
    public Optional<StoredTacticalSegment> lockForChange(long id) {
        return jdbc.sql("select * from tactical_segments where tactical_id = ? for update").param(id).query((rs, n) -> map(rs)).optional();
    }

    @Override
    public List<StoredTacticalSegment> all() {
        return jdbc.sql("select * from tactical_segments order by tactical_id").query((rs, n) -> map(rs)).list();
    }

    @Override
    public List<StoredTacticalSegment> active() {
        return jdbc.sql("select * from tactical_segments where status = 'ACTIVE' order by tactical_id").query((rs, n) -> map(rs)).list();
    }

    /** A row is its segment's newest version when no later row is a version of the same segment (one probe of the versions index, changeset 540). */
    @Override
    public List<StoredTacticalSegment> newestOfEach(String parentSegment) {
        return jdbc.sql("""
                        select t.* from tactical_segments t
                        where (cast(? as text) is null or t.parent_segment = ?)
                          and not exists (select 1 from tactical_segments later
                                          where coalesce(later.original_id, later.tactical_id) = coalesce(t.original_id, t.tactical_id)
                                            and later.tactical_id > t.tactical_id)
                        order by t.tactical_id""")
                .params(parentSegment, parentSegment).query((rs, n) -> map(rs)).list();
    }

    @Override
    public List<StoredTacticalSegment> page(Long after, int limit) {
        return jdbc.sql("select * from tactical_segments where tactical_id > ? order by tactical_id limit ?")
                .params(after == null ? 0L : after, limit).query((rs, n) -> map(rs)).list();
    }

    /**
     * The newest version of each segment, newest first: down the primary key from {@code before}, a row is a segment's
     * newest when no later row is a version of the same segment (one probe of the versions index, changeset 540); its
     * count of versions is one more range of that index.
     */
    @Override
    public List<VersionedTacticalSegment> newestVersions(Long before, int limit) {
        return jdbc.sql("""
                        select t.*, (select count(*) from tactical_segments v
                                     where coalesce(v.original_id, v.tactical_id) = coalesce(t.original_id, t.tactical_id)) as versions
                        from tactical_segments t
                        where t.tactical_id < ?
                          and not exists (select 1 from tactical_segments later
                                          where coalesce(later.original_id, later.tactical_id) = coalesce(t.original_id, t.tactical_id)
                                            and later.tactical_id > t.tactical_id)
                        order by t.tactical_id desc limit ?""")
                .params(before == null ? Long.MAX_VALUE : before, limit)
                .query((rs, n) -> new VersionedTacticalSegment(map(rs), rs.getLong("versions"))).list();
    }

    @Override
    public List<StoredTacticalSegment> versions(long id, Long before, int limit) {
        return jdbc.sql("""
                        select v.* from tactical_segments v
                        where coalesce(v.original_id, v.tactical_id)
                                  = (select coalesce(t.original_id, t.tactical_id) from tactical_segments t where t.tactical_id = ?)
                          and v.tactical_id < ?
                        order by v.tactical_id desc limit ?""")
                .params(id, before == null ? Long.MAX_VALUE : before, limit).query((rs, n) -> map(rs)).list();
    }

    @Override
    public void markVersionOf(long id, long previousId) {
        jdbc.sql("""
                        update tactical_segments
                        set original_id = (select coalesce(p.original_id, p.tactical_id) from tactical_segments p where p.tactical_id = ?)
                        where tactical_id = ?""").params(previousId, id).update();
    }

    @Override
    public void replace(long id, TacticalSegment segment) {
        jdbc.sql("update tactical_segments set name = ?, parent_segment = ?, rule = ?, hypothesis = ?, status = ? where tactical_id = ?")
                .params(segment.name(), segment.parentSegment(), segment.rule(), segment.hypothesis(), segment.status().name(), id)
                .update();
    }

    private static StoredTacticalSegment map(ResultSet rs) throws SQLException {
        return new StoredTacticalSegment(rs.getLong("tactical_id"), new TacticalSegment(rs.getString("name"), rs.getString("parent_segment"),
                rs.getString("rule"), rs.getString("hypothesis"), TacticalStatus.valueOf(rs.getString("status"))),
                rs.getTimestamp("created_at").toInstant(), rs.getObject("members_at_save", Long.class),
                rs.getObject("parent_customers_at_save", Long.class));
    }

    @Override
    public void recordCountAtSave(long id, long members, long parentCustomers) {
        jdbc.sql("update tactical_segments set members_at_save = ?, parent_customers_at_save = ? where tactical_id = ?")
                .params(members, parentCustomers, id).update();
    }
}
