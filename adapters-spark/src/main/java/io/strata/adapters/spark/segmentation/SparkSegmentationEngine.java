package io.strata.adapters.spark.segmentation;

import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.FactSource;
import io.strata.application.incident.EngineUnavailable;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.domain.segmentation.GeneralSegmentation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The segmentation engine on Spark: the definition compiled to Spark SQL ({@link AssignmentQuery}), run over the facts
 * of a {@link FactSource}, the assignments and summary written into the run's tables ({@link RunTables}). A
 * definition's own problem is refused as such; anything else ends the run with the reason, and nothing of it is kept.
 */
public final class SparkSegmentationEngine implements SegmentationEngine {

    private final Supplier<SparkSession> sessions;
    private final FactSource facts;
    private final RunTables tables;
    private final FieldCatalogues catalogues;

    public SparkSegmentationEngine(Supplier<SparkSession> sessions, FactSource facts, RunTables tables, FieldCatalogues catalogues) {
        this.sessions = sessions;
        this.facts = facts;
        this.tables = tables;
        this.catalogues = catalogues;
    }

    @Override
    public long assign(long runId, GeneralSegmentation definition, LocalDate asOf) {
        SparkQuery query = AssignmentQuery.compile(definition.basis(), asOf, catalogues.current());
        List<RunTables.SegmentLabel> labels = definition.segments().stream()
                .map(s -> new RunTables.SegmentLabel(s.key(), s.name(), s.rank())).toList();
        try {
            SparkSession spark = sessions.get();
            facts.register(spark, asOf);
            Dataset<Row> assignments = spark.sql(query.text(), query.arguments());
            return tables.storeAssignments(runId, assignments, labels);
        } catch (IllegalArgumentException | EngineUnavailable e) {
            throw e;
        } catch (Exception e) {
            // also Spark's checked SparkException, which Scala throws undeclared
            throw new EngineUnavailable("run " + runId + " could not be completed on Spark (facts from " + facts.describe() + "): "
                    + RunTables.reason(e) + "; nothing of it was kept and the previous run stays current", e);
        }
    }
}
