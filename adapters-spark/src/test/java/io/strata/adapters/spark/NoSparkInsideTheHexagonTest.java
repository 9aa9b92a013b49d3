package io.strata.adapters.spark;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spark stays an adapter's business: the domain and the application never name a Spark or Scala class, so the
 * application jar runs without Spark and the PostgreSQL engine stays the default. Checked here, where Spark is on the
 * class path (bootstrap's HexagonalArchitectureTest does not see this module).
 */
class NoSparkInsideTheHexagonTest {

    private static final JavaClasses HEXAGON = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.strata.domain", "io.strata.application");

    @Test
    void domainAndApplicationUseNoSparkClass() {
        assertThat(HEXAGON.stream().filter(c -> c.getPackageName().startsWith("io.strata.domain")).count()).isGreaterThan(50);
        assertThat(HEXAGON.stream().filter(c -> c.getPackageName().startsWith("io.strata.application")).count()).isGreaterThan(50);
        noClasses().that().resideInAnyPackage("io.strata.domain..", "io.strata.application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..")
                .because("the segmentation engine on Spark is an adapter; the domain and the application must run without it")
                .check(HEXAGON);
    }

    @Test
    void theSparkAdapterUsesNoOtherAdapter() {
        JavaClasses adapter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strata.adapters.spark");
        assertThat(adapter.size()).isGreaterThan(10);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.strata.adapters.persistence..", "io.strata.adapters.web..",
                        "io.strata.adapters.delivery..", "io.strata.bootstrap..")
                .because("adapters never import each other; the job jar (spark-job) is where the Spark and persistence adapters meet")
                .check(adapter);
    }
}
