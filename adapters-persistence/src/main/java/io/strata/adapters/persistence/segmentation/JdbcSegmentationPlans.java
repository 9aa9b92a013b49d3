package io.strata.adapters.persistence.segmentation;

import io.strata.application.segmentation.PlannedWork;
import io.strata.application.segmentation.ReplacedPlans;
import io.strata.adapters.persistence.schedule.JdbcRunSchedules;
import io.strata.application.segmentation.port.out.SegmentationPlans;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tactical segments and campaigns by the segmentation they were planned on: the active one, or one since replaced. */
@Repository
public class JdbcSegmentationPlans implements SegmentationPlans {

    private final JdbcClient jdbc;

    public JdbcSegmentationPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PlannedWork> onActive() {
        return jdbc.sql("""
                        select 'TACTICAL_SEGMENT' as kind, tactical_id as id, name, parent_segment as segment_key, status as state
                        from tactical_segments where replaced_segmentation_id is null and status = 'ACTIVE'
                        union all
                        select 'CAMPAIGN', campaign_id, name, target_segment, state
                        from campaigns where replaced_segmentation_id is null and state in ('DRAFT', 'SCHEDULED', 'RUNNING')
                        order by 1 desc, 2""")
                .query((rs, n) -> new PlannedWork(PlannedWork.Kind.valueOf(rs.getString("kind")), rs.getLong("id"), rs.getString("name"),
                        rs.getString("segment_key"), rs.getString("state")))
                .list();
    }

    @Override
    public boolean removeSchedule(long segmentationId) {
        JdbcRunSchedules.lockForChange(jdbc, segmentationId);
        return jdbc.sql("delete from segmentation_schedules where segmentation_id = ?").param(segmentationId).update() == 1;
    }

    @Override
    public void markReplaced(long segmentationId) {
        jdbc.sql("update tactical_segments set replaced_segmentation_id = ? where replaced_segmentation_id is null").param(segmentationId).update();
        jdbc.sql("update campaigns set replaced_segmentation_id = ? where replaced_segmentation_id is null").param(segmentationId).update();
    }

    @Override
    public void markCurrent(long segmentationId) {
        jdbc.sql("update tactical_segments set replaced_segmentation_id = null where replaced_segmentation_id = ?").param(segmentationId).update();
        jdbc.sql("update campaigns set replaced_segmentation_id = null where replaced_segmentation_id = ?").param(segmentationId).update();
    }

    @Override
    public ReplacedPlans replaced() {
        Map<Long, String> tactical = new HashMap<>();
        Map<Long, String> campaigns = new HashMap<>();
        jdbc.sql("""
                        select 't' as kind, t.tactical_id as id, s.name from tactical_segments t
                        join segmentations s on s.segmentation_id = t.replaced_segmentation_id
                        union all
                        select 'c', c.campaign_id, s.name from campaigns c join segmentations s on s.segmentation_id = c.replaced_segmentation_id""")
                .query(rs -> {
                    (rs.getString("kind").equals("t") ? tactical : campaigns).put(rs.getLong("id"), rs.getString("name"));
                });
        return new ReplacedPlans(tactical, campaigns);
    }
}
