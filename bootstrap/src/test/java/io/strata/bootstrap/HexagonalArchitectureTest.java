package io.strata.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
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
        // tests are no part of the architecture: neither this module's nor those that reach it in another module's
        // test-jar (a contract test in adapters-persistence extends application's LoginFailuresContract)
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("io.strata");
    }

    @Test
    void everyLayerHasClassesToCheck() {
        assertThat(all.that(resideIn("io.strata.domain.."))).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.application.."))).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.adapters.web.."))).hasSizeGreaterThan(3);
        assertThat(all.that(resideIn("io.strata.adapters.persistence.."))).hasSizeGreaterThan(3);
        assertThat(all.that(resideIn("io.strata.adapters.delivery.."))).hasSizeGreaterThan(1);
        assertThat(all.that(resideIn("io.strata.application..port.in.."))).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.application..port.out.."))).hasSizeGreaterThan(5);
        assertThat(all.that(APPLICATION_SERVICE)).hasSizeGreaterThan(5);
        assertThat(all.that(resideIn("io.strata.bootstrap.."))).hasSizeGreaterThan(1);
    }

    @Test
    void theDomainUsesOnlyTheJdkAndItself() {
        check(classes().that().resideInAPackage("io.strata.domain..").and().resideOutsideOfPackage("io.strata.domain.prediction..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.strata.domain..", "java..")
                .because("the model and its rules must stay plain Java, testable and portable without any framework"));
    }

    @Test
    void thePredictionModelsAddOnlyANumericalLibrary() {
        check(classes().that().resideInAPackage("io.strata.domain.prediction..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.strata.domain..", "java..", "org.hipparchus..")
                .because("maximum likelihood needs a maintained optimiser and special functions, not a framework (ADR 6)"));
    }

    @Test
    void onlyThePredictionModelsUseHipparchus() {
        check(noClasses().that().resideOutsideOfPackage("io.strata.domain.prediction..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hipparchus..")
                .because("one package owns the numerical library, so replacing it is a change in one place (ADR 6)"));
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

    @Test
    void adaptersDoNotDependOnEachOther() {
        check(slices().matching("io.strata.adapters.(*)..").should().notDependOnEachOther()
                .because("each adapter plugs into the hexagon's ports on its own; one can be replaced without the others"));
    }

    @Test
    void portsArePackagedByDirection() {
        check(classes().that().resideInAnyPackage("io.strata.application..port.in..", "io.strata.application..port.out..")
                .and().areTopLevelClasses()
                .should().beInterfaces()
                .because("a port is a contract; what carries data across it (commands, views, errors) lives beside the services"));
    }

    @Test
    void inboundAdaptersUseInPortsOnly() {
        check(classes().that().resideInAnyPackage("io.strata.adapters.web..")
                .should(useApplicationOnlyThroughInPorts())
                .because("a page or an endpoint calls a use case through its in-port; out-ports are the use cases' own business"));
    }

    @Test
    void outboundAdaptersImplementOutPortsAndNeverCallServices() {
        check(noClasses().that().resideInAnyPackage("io.strata.adapters.persistence..", "io.strata.adapters.delivery..")
                .should().dependOnClassesThat(resideIn("io.strata.application..").and(DescribedPredicate.not(OUT_PORT_OR_DATA)))
                .because("an out-port's adapter stores or sends what it is given; calling into a use case or an application"
                        + " rule (as run summaries once were) hides a rule in the adapter"));
    }

    @Test
    void eachCampaignInPortIsImplementedByAServiceOfItsOwn() {
        List<JavaClass> inPorts = all.stream()
                .filter(c -> c.getPackageName().equals("io.strata.application.campaign.port.in") && c.isInterface()).toList();
        assertThat(inPorts).extracting(JavaClass::getSimpleName)
                .containsExactlyInAnyOrder("PlanCampaigns", "RunCampaigns", "MeasureCampaigns", "RunAlwaysOnCampaigns", "ManageHoldout",
                        "SetFrequencyCaps", "ManageDestinations");
        for (JavaClass port : inPorts) {
            assertThat(implementationsOf(port)).as("services implementing %s", port.getSimpleName()).hasSize(1);
        }
        check(classes().that().resideInAPackage("io.strata.application..").and().areNotInterfaces()
                .should(implementAtMostOneOf(inPorts))
                .because("a service per in-port keeps each use case's dependencies its own; one service behind three ports"
                        + " grew to twelve dependencies"));
    }

    private static List<JavaClass> implementationsOf(JavaClass port) {
        return all.stream().filter(c -> !c.isInterface() && c.getAllRawInterfaces().contains(port)).toList();
    }

    private static ArchCondition<JavaClass> implementAtMostOneOf(List<JavaClass> ports) {
        return new ArchCondition<>("implement at most one of " + ports.stream().map(JavaClass::getSimpleName).toList()) {
            @Override
            public void check(JavaClass service, ConditionEvents events) {
                List<String> implemented = ports.stream().filter(p -> service.getAllRawInterfaces().contains(p))
                        .map(JavaClass::getSimpleName).toList();
                if (implemented.size() > 1) {
                    events.add(SimpleConditionEvent.violated(service, service.getName() + " implements " + implemented));
                }
            }
        };
    }

    @Test
    void domainAreasAreFreeOfCycles() {
        check(slices().matching("io.strata.domain.(*)..").should().beFreeOfCycles()
                .because("each area of the model can be read and changed starting from the ones it builds on"));
    }

    @Test
    void applicationAreasAreFreeOfCycles() {
        check(slices().matching("io.strata.application.(*)..").should().beFreeOfCycles()
                .because("use-case areas build on each other in one direction"));
    }

    /**
     * A use case's implementation: a concrete application class that implements an in-port or holds an out-port.
     * Adapters reach such classes only through the in-port they implement.
     */
    private static final DescribedPredicate<JavaClass> APPLICATION_SERVICE = new DescribedPredicate<>("application services") {
        @Override
        public boolean test(JavaClass c) {
            if (!c.getPackageName().startsWith("io.strata.application") || c.isInterface() || c.isRecord() || c.isEnum()) {
                return false;
            }
            boolean implementsInPort = c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().contains(".port.in"));
            boolean holdsOutPort = c.getFields().stream().anyMatch(f -> f.getRawType().getPackageName().contains(".port.out"));
            return implementsInPort || holdsOutPort;
        }
    };

    /** What an outbound adapter may see of the application: the out-ports it implements and the data crossing them. */
    private static final DescribedPredicate<JavaClass> OUT_PORT_OR_DATA = new DescribedPredicate<>("out-ports and the data they carry") {
        @Override
        public boolean test(JavaClass c) {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return top.getPackageName().contains(".port.out") || c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class)
                    || c.isInterface() && !top.getPackageName().contains(".port.in");
        }
    };

    private static ArchCondition<JavaClass> useApplicationOnlyThroughInPorts() {
        return new ArchCondition<>("use the application only through in-ports (and implement, never call, out-ports)") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.isArray()) {
                        target = target.getBaseComponentType();
                    }
                    if (APPLICATION_SERVICE.test(target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + " reaches a service, not its in-port"));
                    } else if (target.getPackageName().contains("io.strata.application") && target.getPackageName().contains(".port.out")
                            && !implementsPortOf(origin, target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + " uses an out-port"));
                    }
                }
            }
        };
    }

    private static boolean implementsPortOf(JavaClass origin, JavaClass target) {
        JavaClass port = target;
        while (port.getEnclosingClass().isPresent()) {
            port = port.getEnclosingClass().get();
        }
        JavaClass owner = origin;
        while (owner.getEnclosingClass().isPresent() && !owner.isAssignableTo(port.getName())) {
            owner = owner.getEnclosingClass().get();
        }
        return owner.isAssignableTo(port.getName());
    }

    private static void check(ArchRule rule) {
        rule.check(all);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> resideIn(String pattern) {
        return com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(pattern);
    }
}
