package io.strata.adapters.persistence.segmentation;

import io.strata.application.segmentation.port.out.RunFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Reads the small per-run tables only (runs, segment summaries, cached migration cells): never the assignments. */
@Repository
public class JdbcRunFigures implements RunFigures {

    private final JdbcClient jdbc;

    public JdbcRunFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Run> latestRuns(long segmentationId, int limit) {
        return jdbc.sql("""
                        select run_id, as_of, coalesce(customers, 0) from segmentation_runs
                        where segmentation_id = ? and status = 'COMPLETED' order by run_id desc limit ?""")
                .params(segmentationId, limit)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getLong(3))).list();
    }

    @Override
    public List<SegmentFigure> segments(List<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select run_id, segment_key, name, rank, customers, revenue from run_segments where run_id = any(?) order by run_id, rank")
                .param(runIds.toArray(Long[]::new))
                .query((rs, n) -> new SegmentFigure(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getBigDecimal(6))).list();
    }

    @Override
    public List<Cell> cellsInto(List<Long> toRunIds) {
        if (toRunIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select from_run_id, to_run_id, from_segment, to_segment, customers from run_migrations where to_run_id = any(?)")
                .param(toRunIds.toArray(Long[]::new))
                .query((rs, n) -> new Cell(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list();
    }
}
