package io.strata.adapters.persistence.segmentation;

import io.strata.application.segmentation.DefinitionStatus;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.GeneralSegmentation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

@Repository
public class JdbcSegmentationDefinitions implements SegmentationDefinitions {

    private static final String SELECT = "select s.*, exists (select 1 from segmentation_runs r where r.segmentation_id = s.segmentation_id) as has_runs, "
            + "(select max(n.segmentation_id) from segmentations n where n.made_from = s.segmentation_id) as newer_version "
            + "from segmentations s";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcSegmentationDefinitions(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public long add(GeneralSegmentation definition, String template, int version) {
        return jdbc.sql("insert into segmentations (name, version, template, definition, status) values (?, ?, ?, ?, 'DRAFT') returning segmentation_id")
                .params(definition.name(), version, template, DefinitionJson.toDocument(definition))
                .query(Long.class).single();
    }

    @Override
    public long addVersion(GeneralSegmentation definition, String template, int version, long madeFrom) {
        return jdbc.sql("insert into segmentations (name, version, template, definition, status, made_from) values (?, ?, ?, ?, 'DRAFT', ?)"
                        + " returning segmentation_id")
                .params(definition.name(), version, template, DefinitionJson.toDocument(definition), madeFrom)
                .query(Long.class).single();
    }

    @Override
    public Optional<StoredSegmentation> find(long id) {
        return jdbc.sql(SELECT + " where s.segmentation_id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    /**
     * Locks the row, then reads it in a statement of its own: a statement that waited for the lock re-reads only the
     * locked row, its subqueries keep what they saw when it began, so a version made from this one by the edit waited for
     * (and its runs) would be missing from what it answers.
     */
    @Override
    public Optional<StoredSegmentation> lockForChange(long id) {
        if (jdbc.sql("select 1 from segmentations where segmentation_id = ? for update").param(id).query(Integer.class).optional().isEmpty()) {
            return Optional.empty();
        }
        return find(id);
    }

    @Override
    public List<StoredSegmentation> all() {
        return jdbc.sql(SELECT + " order by s.segmentation_id").query((rs, n) -> map(rs)).list();
    }

    @Override
    public List<StoredSegmentation> page(Long after, int limit) {
        // down the primary key from the cursor's place: a page costs its rows, however many versions came before
        return jdbc.sql(SELECT + " where s.segmentation_id > :after order by s.segmentation_id limit :limit")
                .param("after", after == null ? 0L : after).param("limit", limit).query((rs, n) -> map(rs)).list();
    }

    @Override
    public Optional<StoredSegmentation> active() {
        return jdbc.sql(SELECT + " where s.status = 'ACTIVE'").query((rs, n) -> map(rs)).optional();
    }

    /**
     * Activations take turns: two at once (a double click, two planners) each demoted what its snapshot saw as active and
     * then both promoted, and one broke the one-active index (a 500). The key is a
     * transaction-level advisory lock of its own, released at commit or rollback.
     */
    static final String ACTIVATIONS_TAKE_TURNS = "select pg_advisory_xact_lock(hashtext('strata-segmentation-activations'))";

    @Override
    public void activate(long id) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql(ACTIVATIONS_TAKE_TURNS).query(rs -> { });
            jdbc.sql("update segmentations set status = 'INACTIVE' where status = 'ACTIVE' and segmentation_id <> ?").param(id).update();
            jdbc.sql("update segmentations set status = 'ACTIVE', activated_at = now() where segmentation_id = ?").param(id).update();
        });
    }

    @Override
    public void replaceDraft(long id, GeneralSegmentation definition) {
        jdbc.sql("update segmentations set name = ?, definition = ? where segmentation_id = ? and status = 'DRAFT'")
                .params(definition.name(), DefinitionJson.toDocument(definition), id).update();
    }

    @Override
    public void retire(long id) {
        jdbc.sql("update segmentations set status = 'RETIRED' where segmentation_id = ?").param(id).update();
    }

    private static StoredSegmentation map(ResultSet rs) throws SQLException {
        return new StoredSegmentation(rs.getLong("segmentation_id"), DefinitionJson.fromDocument(rs.getString("definition")),
                DefinitionStatus.valueOf(rs.getString("status")), rs.getInt("version"), rs.getString("template"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("activated_at")), rs.getBoolean("has_runs"),
                rs.getObject("newer_version", Long.class));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
