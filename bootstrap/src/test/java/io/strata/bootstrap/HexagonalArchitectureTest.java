package io.strata.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's dependency rules. The Maven modules already make most wrong imports fail to compile; these rules
 * also catch what a pom cannot (a framework reaching the domain through a transitive dependency, a controller
 * using persistence classes). An ArchUnit rule over an empty import passes silently, so each layer's import is
 * checked to be non-empty first.
 */
class HexagonalArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.strata");
    }

    @Test
    void everyLayerHasClassesToCheck() {
        assertThat(all.that(resideIn("io.strata.domain.."))).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.application.."))).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.adapters.web.."))).hasSizeGreaterThan(3);
        assertThat(all.that(resideIn("io.strata.adapters.persistence.."))).hasSizeGreaterThan(3);
        assertThat(all.that(resideIn("io.strata.bootstrap.."))).hasSizeGreaterThan(1);
    }

    @Test
    void theDomainUsesOnlyTheJdkAndItself() {
        check(classes().that().resideInAPackage("io.strata.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.strata.domain..", "java..")
                .because("the model and its rules must stay plain Java, testable and portable without any framework"));
    }

    @Test
    void theApplicationUsesOnlyTheDomainAndTheJdk() {
        check(classes().that().resideInAPackage("io.strata.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.strata.application..", "io.strata.domain..", "java..")
                .because("use cases and ports must not know Spring, Jakarta or the database; adapters plug into them"));
    }

    @Test
    void theApplicationDoesNotTouchJdbc() {
        check(noClasses().that().resideInAnyPackage("io.strata.application..", "io.strata.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("SQL belongs to the persistence adapter, behind the out-ports"));
    }

    @Test
    void theWebAdapterDoesNotReachPersistence() {
        check(noClasses().that().resideInAPackage("io.strata.adapters.web..")
                .should().dependOnClassesThat().resideInAPackage("io.strata.adapters.persistence..")
                .because("controllers talk to use cases, never to the database adapter"));
    }

    @Test
    void thePersistenceAdapterDoesNotReachTheWeb() {
        check(noClasses().that().resideInAPackage("io.strata.adapters.persistence..")
                .should().dependOnClassesThat().resideInAPackage("io.strata.adapters.web..")
                .because("adapters are independent plug-ins of the hexagon"));
    }

    @Test
    void controllersDoNotUseJdbc() {
        check(noClasses().that().resideInAPackage("io.strata.adapters.web..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.springframework.jdbc..", "org.springframework.data..")
                .because("a controller only translates HTTP to a command and a result to HTTP"));
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        check(noClasses().that().resideOutsideOfPackage("io.strata.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.strata.bootstrap..")
                .because("bootstrap wires the hexagon; nothing inside may depend on the wiring"));
    }

    private static void check(ArchRule rule) {
        rule.check(all);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> resideIn(String pattern) {
        return com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(pattern);
    }
}
