package io.strata.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One library for each job (issue 16): CSV is read and written with FastCSV only. A second library would bring a
 * second set of quoting rules, so Strata's code uses no other, and the one the downloads used before (Commons CSV) is
 * off the class path.
 */
class OneLibraryPerJobTest {

    private static JavaClasses strata;

    @BeforeAll
    static void importClasses() {
        strata = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.strata");
    }

    @Test
    void csvIsReadAndWrittenWithFastCsvOnly() {
        assertThat(strata.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.strata.adapters.web.."))).isNotEmpty();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.csv..", "com.opencsv..",
                        "com.univocity.parsers..", "com.fasterxml.jackson.dataformat.csv..", "tools.jackson.dataformat.csv..")
                .because("imports are read and downloads written with FastCSV; one set of quoting rules")
                .check(strata);
    }

    @Test
    void noSecondCsvLibraryIsOnTheClassPath() {
        List<String> found = new ArrayList<>();
        // OpenCSV is on the class path as Liquibase's own (its loadData changes); Strata's code may not use it (rule above)
        for (String otherLibrary : List.of("org.apache.commons.csv.CSVFormat", "com.univocity.parsers.csv.CsvWriter")) {
            try {
                Class<?> type = Class.forName(otherLibrary, false, getClass().getClassLoader());
                found.add(otherLibrary + " from " + type.getProtectionDomain().getCodeSource().getLocation());
            } catch (ClassNotFoundException expected) {
                // not on the class path: as it should be
            }
        }
        assertThat(found).isEmpty();
        assertThat(de.siegmar.fastcsv.writer.CsvWriter.class.getName()).isEqualTo("de.siegmar.fastcsv.writer.CsvWriter");
    }
}
