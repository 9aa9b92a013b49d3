package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.PostgresText;
import io.strata.application.segmentation.MemberListing;
import io.strata.application.segmentation.SegmentMember;
import io.strata.application.segmentation.port.out.SegmentMemberLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Sorted pages use an offset (ties broken by the customer's key, so pages never overlap); the filter is a semi-join. */
@Repository
public class JdbcSegmentMemberLists implements SegmentMemberLists {

    private final JdbcClient jdbc;

    public JdbcSegmentMemberLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SegmentMember> page(MemberListing listing) {
        if (!PostgresText.canHold(listing.search())) {
            return List.of();
        }
        String order = switch (listing.order()) {
            case CUSTOMER -> "c.customer_id";
            case MONETARY -> "a.monetary desc nulls last, a.customer_key";
            case FREQUENCY -> "a.frequency desc, a.customer_key";
            case RECENCY -> "a.recency_days asc nulls last, a.customer_key";
        };
        String sql = """
                select a.customer_key, c.customer_id, c.email, c.city, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary
                from run_assignments a join customers c using (customer_key)
                where a.run_id = :run and a.segment_key = :segment"""
                + (listing.search() == null ? "" : " and (c.customer_id = :search or lower(c.email) = lower(:search))")
                + (listing.tacticalId() == null ? "" : " and exists (select 1 from tactical_members t where t.run_id = :run"
                + " and t.tactical_id = :tactical and t.customer_key = a.customer_key)")
                + " order by " + order + " limit :limit offset :offset";
        var statement = jdbc.sql(sql).param("run", listing.runId()).param("segment", listing.segmentKey())
                .param("limit", listing.pageSize() + 1).param("offset", (long) listing.page() * listing.pageSize());
        if (listing.search() != null) {
            statement = statement.param("search", listing.search());
        }
        if (listing.tacticalId() != null) {
            statement = statement.param("tactical", listing.tacticalId());
        }
        return statement.query((rs, n) -> new SegmentMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                number(rs, 5), number(rs, 6), number(rs, 7), number(rs, 8),
                rs.getInt(9), rs.getBigDecimal(10))).list();
    }

    private static Integer number(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
