package io.strata.bootstrap;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealed trees that engines walk (rules, their operands, values, fields and sources; segmentation bases, splits
 * and stage conditions; the SQL plans) are dispatched through their visitors or {@code match} methods, never by
 * {@code instanceof}: an instanceof chain compiles when a new kind is added and silently skips it, a visitor does not.
 * Casts are not seen by ArchUnit; a cast on these types would follow an instanceof, which this rule catches.
 */
class ExhaustiveDispatchTest {

    /** The walked hierarchies; a class name, because SqlPlan is package-private to the persistence adapter. */
    private static final List<String> DISPATCHED = List.of(
            "io.strata.domain.rule.Condition", "io.strata.domain.rule.Operand", "io.strata.domain.rule.Value",
            "io.strata.domain.rule.RuleField", "io.strata.domain.rule.Source",
            "io.strata.domain.segmentation.Basis", "io.strata.domain.segmentation.TierSplit",
            "io.strata.domain.segmentation.StageCondition",
            "io.strata.adapters.persistence.segmentation.SqlPlan");

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.strata");
    }

    @Test
    void everyDispatchedHierarchyIsImported() {
        DISPATCHED.forEach(name -> assertThat(all.contain(name)).as(name).isTrue());
    }

    @Test
    void noClassTellsTheKindsOfASealedTreeApartWithInstanceof() {
        noClasses().should(testTheKindOfADispatchedType())
                .because("a new kind of rule, value, field, source, basis or plan must fail to compile in every engine"
                        + " (reference evaluator, checks, printer, SQL compiler, the next adapter) until it is handled there;"
                        + " use the type's visitor or match method")
                .check(all);
    }

    private static ArchCondition<JavaClass> testTheKindOfADispatchedType() {
        return new ArchCondition<>("test the kind of a dispatched sealed type with instanceof") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (InstanceofCheck check : item.getInstanceofChecks()) {
                    JavaClass tested = check.getRawType();
                    if (DISPATCHED.stream().anyMatch(tested::isAssignableTo)) {
                        events.add(SimpleConditionEvent.satisfied(check, check.getOwner().getFullName() + " tests instanceof "
                                + tested.getName() + " " + check.getSourceCodeLocation()));
                    }
                }
            }
        };
    }
}
