package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleConditions;
import io.strata.domain.rule.RuleError;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.RfmBasis;
import io.strata.domain.segmentation.RfmRegion;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.ThirdDimension;
import io.strata.domain.segmentation.Tier;
import io.strata.domain.segmentation.TierBasis;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Compiles the domain's definition into SQL and runs it inside PostgreSQL. */
@Component
public class SqlSegmentationEngine implements SegmentationEngine {

    private final DataSource dataSource;
    private final FieldCatalogues catalogues;
    private final DatabaseSettings.Tuning tuning;

    private final long halvesFrom;

    @Autowired
    public SqlSegmentationEngine(DataSource dataSource, FieldCatalogues catalogues, DatabaseSettings database) {
        this(dataSource, catalogues, database, SqlSegmentationRun.HALVES_FROM);
    }

    private SqlSegmentationEngine(DataSource dataSource, FieldCatalogues catalogues, DatabaseSettings database, long halvesFrom) {
        this.dataSource = dataSource;
        this.catalogues = catalogues;
        this.tuning = database.tuning();
        this.halvesFrom = halvesFrom;
    }

    /**
     * An engine that writes in two halves every run whose customers' keys span at least {@code halvesFrom} (the
     * application's: {@link SqlSegmentationRun#HALVES_FROM}): for tests of the halves on a few customers.
     */
    public static SqlSegmentationEngine withHalvesFrom(DataSource dataSource, FieldCatalogues catalogues, DatabaseSettings database, long halvesFrom) {
        return new SqlSegmentationEngine(dataSource, catalogues, database, halvesFrom);
    }

    @Override
    public long assign(long runId, GeneralSegmentation definition, LocalDate asOf) {
        return assign(runId, definition, asOf, snapshot -> { }, false);
    }

    @Override
    public long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken) {
        // the work beside the assignment (the run's predictions) may read its buyers from the assignment's rows
        return assign(runId, definition, asOf, snapshotTaken, true);
    }

    private long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken, boolean buyerPatterns) {
        List<SqlSegmentationRun.SegmentLabel> labels = definition.segments().stream()
                .map((Segment s) -> new SqlSegmentationRun.SegmentLabel(s.key(), s.name(), s.rank())).toList();
        try {
            SqlPlan plan = plan(definition.basis(), catalogues.current());
            if (plan.needsPredictions()) {
                checkFitted(runId);
            }
            return SqlSegmentationRun.execute(dataSource, tuning, runId, plan, labels, asOf, snapshotTaken, buyerPatterns, halvesFrom);
        } catch (SQLException e) {
            throw new IllegalStateException("the segmentation run failed in the database: " + e.getMessage(), e);
        }
    }

    /**
     * Tiers of predicted value place buyers by the run's own predictions (fitted before assignment): without a fit there
     * is nothing to rank, and the run fails naming why rather than inventing tiers.
     */
    private void checkFitted(long runId) throws SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement("select status, reason from run_predictions where run_id = ?")) {
            query.setLong(1, runId);
            try (java.sql.ResultSet rs = query.executeQuery()) {
                String reason = !rs.next() ? "the run has no predictions" : "FITTED".equals(rs.getString(1)) ? null : rs.getString(2);
                if (reason != null) {
                    throw new IllegalArgumentException("Predicted value tiers need the run's predictions, but its models were not fitted: "
                            + reason + ". Activate a segmentation on past value (e.g. value-tiers) until the models can be fitted");
                }
            }
        }
    }

    /** The SQL plan of a basis; lifecycle rules are checked against the catalogue (a RuleError names what is wrong). */
    static SqlPlan plan(Basis basis, FieldCatalogue catalogue) {
        return basis.accept(new Basis.Visitor<SqlPlan>() {
            @Override
            public SqlPlan rfm(RfmBasis rfm) {
                List<SqlPlan.ScoreRegion> regions = rfm.regions().stream().map(SqlSegmentationEngine::region).toList();
                return new SqlPlan.Rfm(rfm.thirdDimension() == ThirdDimension.PRODUCT ? SqlPlan.Third.CATEGORIES : SqlPlan.Third.MONETARY,
                        regions, rfm.noPurchaseSegment());
            }

            @Override
            public SqlPlan tiers(TierBasis tiers) {
                SqlPlan.TierMetric metric = SqlPlan.TierMetric.valueOf(tiers.metric().name());
                return tiers.split().<SqlPlan>match(
                        fixed -> new SqlPlan.FixedTiers(metric, fixed.tiers().stream()
                                .map((Tier t) -> new SqlPlan.Tier(t.segmentKey(), t.from(), t.to())).toList(), tiers.noPurchaseSegment()),
                        quantiles -> new SqlPlan.QuantileTiers(metric, quantiles.segmentKeysLowToHigh(), tiers.noPurchaseSegment()));
            }

            @Override
            public SqlPlan lifecycle(LifecycleBasis lifecycle) {
                RuleConditions conditions = new RuleConditions(catalogue);
                return new SqlPlan.Lifecycle(lifecycle.stages().stream()
                        .map(stage -> new SqlPlan.Stage(stage.segmentKey(), stage.condition().<CheckedRule>match(
                                rule -> checked(conditions, stage.segmentKey(), rule.text()), otherwise -> null)))
                        .toList());
            }
        });
    }

    private static CheckedRule checked(RuleConditions conditions, String segmentKey, String rule) {
        try {
            return conditions.check(rule);
        } catch (RuleError e) {
            throw new IllegalArgumentException("the condition of lifecycle stage '" + segmentKey + "' is not a valid rule: " + e.getMessage(), e);
        }
    }

    private static SqlPlan.ScoreRegion region(RfmRegion region) {
        return new SqlPlan.ScoreRegion(region.segmentKey(), region.r().from(), region.r().to(), region.f().from(), region.f().to(),
                region.third().from(), region.third().to());
    }
}
