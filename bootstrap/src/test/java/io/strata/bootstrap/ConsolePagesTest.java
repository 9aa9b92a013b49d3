package io.strata.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.strata.adapters.web.console.ConsolePage;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's errors reach only the controllers marked {@link ConsolePage}: a page controller without the mark
 * answers a missing campaign with the API's problem JSON and an unknown import with a 500, as all of them did once
 * the scope was a package they had left.
 */
class ConsolePagesTest {

    private static final JavaClasses WEB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.strata.adapters.web");

    @Test
    void everyPageControllerIsMarkedAndNoApiControllerIs() {
        assertThat(WEB.stream().filter(type -> type.isAnnotatedWith(Controller.class)).count()).isGreaterThan(10);

        classes().that().areAnnotatedWith(Controller.class).should().beAnnotatedWith(ConsolePage.class)
                .because("ConsoleErrors answers their errors with pages only when they carry the mark").check(WEB);
        classes().that().areAnnotatedWith(RestController.class).should().notBeAnnotatedWith(ConsolePage.class)
                .because("the API answers its errors as problem JSON").check(WEB);
    }
}
