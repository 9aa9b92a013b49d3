package io.strata.adapters.spark.wiring;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.segmentation.SparkSegmentationEngine;
import io.strata.adapters.spark.segmentation.SparkSessions;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.source.ParquetFacts;
import io.strata.adapters.spark.tactical.SparkTacticalMembership;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.FieldCatalogue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STRATA_ENGINE=spark makes Spark's engine and tactical memberships the ones the use cases get, on the master of
 * STRATA_SPARK_MASTER (local[*] by default); without it nothing of Spark exists. Stored memberships are still read by
 * the database's own adapter. No Spark context is started here: sessions are created at the first run.
 */
class SparkEngineConfigurationTest {

    /** Stands in for the persistence adapter's stored memberships: answers what it is asked, so delegation shows. */
    static final class StoredSizes implements TacticalMembership {
        @Override
        public void assign(long runId, List<io.strata.application.tactical.MembershipRule> segments, java.time.LocalDate asOf) {
            throw new IllegalStateException("the stored memberships must not compute a Spark run's members");
        }

        @Override
        public Preview preview(long runId, String parentSegment, io.strata.domain.rule.CheckedRule rule, java.time.LocalDate asOf, int sampleSize) {
            return new Preview(0, 0, List.of());
        }

        @Override
        public void streamMembers(long runId, long tacticalId, java.util.function.Consumer<String> customerIds) {
        }

        @Override
        public List<RunSize> sizes(long runId) {
            return List.of(new RunSize(7, runId, 100));
        }

        @Override
        public List<Long> segmentsOf(long runId, String customerId) {
            return List.of();
        }

        @Override
        public List<String> firstMembers(long runId, long tacticalId, int limit) {
            return List.of();
        }

        @Override
        public List<io.strata.application.tactical.TacticalRunShare> history(long tacticalId) {
            return List.of();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SparkEngineConfiguration.class))
            // the suite shares one pool: closing this context must not close it for the tests that run after
            .withBean(DataSource.class, TestDatabase::dataSource, definition -> definition.setDestroyMethodName(""))
            .withBean(FieldCatalogues.class, () -> FieldCatalogue::builtInOnly)
            .withBean(StoredSizes.class, StoredSizes::new);

    @Test
    void withoutTheEngineSettingNothingOfSparkIsWired() {
        context.run(started -> {
            assertThat(started).doesNotHaveBean(SegmentationEngine.class);
            assertThat(started).doesNotHaveBean(SparkSessions.class);
            assertThat(started.getBean(TacticalMembership.class)).isInstanceOf(StoredSizes.class);
        });
    }

    @Test
    void withTheEngineSetToSparkRunsGoToSparkOnLocalEveryCoreByDefaultAndStoredMembershipsAreReadByTheDatabase() {
        context.withPropertyValues("strata.engine=spark").run(started -> {
            assertThat(started.getBean(SegmentationEngine.class)).isInstanceOf(SparkSegmentationEngine.class);
            assertThat(started.getBean(TacticalMembership.class)).isInstanceOf(SparkTacticalMembership.class);
            assertThat(started.getBean(SparkSessions.class).master()).isEqualTo("local[*]");
            assertThat(started.getBean(io.strata.adapters.spark.source.FactSource.class)).isInstanceOf(JdbcFacts.class);
            assertThat(started.getBean(TacticalMembership.class).sizes(3)).containsExactly(new RunSize(7, 3, 100));
        });
    }

    @Test
    void theMasterAndALakeComeFromTheirSettings() {
        context.withPropertyValues("strata.engine=spark", "strata.spark.master=spark://cluster:7077", "strata.spark.lake=/lake").run(started -> {
            assertThat(started.getBean(SparkSessions.class).master()).isEqualTo("spark://cluster:7077");
            assertThat(started.getBean(io.strata.adapters.spark.source.FactSource.class).describe()).isEqualTo("Parquet lake at /lake");
            assertThat(started.getBean(io.strata.adapters.spark.source.FactSource.class)).isInstanceOf(ParquetFacts.class);
        });
    }
}
