package dev.corelanes.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering the window relies on: layout free of JavaFX, engine free of any UI. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.corelanes");

    @Test
    void viewDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("dev.corelanes.view..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void engineKnowsNoUi() {
        noClasses().that().resideInAPackage("dev.corelanes.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.corelanes.app..",
                        "dev.corelanes.view..")
                .check(CLASSES);
    }

    @Test
    void viewDoesNotReachIntoTheApp() {
        noClasses().that().resideInAPackage("dev.corelanes.view..")
                .should().dependOnClassesThat().resideInAPackage("dev.corelanes.app..")
                .check(CLASSES);
    }
}
