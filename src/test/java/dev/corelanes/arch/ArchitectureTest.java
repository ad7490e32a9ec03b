package dev.corelanes.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of DEVELOPERS.md: measurement and hardware code never depend on the UI toolkit. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.corelanes");

    @Test
    void engineDoesNotImportJavaFx() {
        noClasses().that().resideInAPackage("dev.corelanes.engine..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void hardwareDoesNotImportJavaFx() {
        noClasses().that().resideInAPackage("dev.corelanes.hardware..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void engineDoesNotDependOnTheOtherLayers() {
        noClasses().that().resideInAPackage("dev.corelanes.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.corelanes.app..", "dev.corelanes.view..",
                        "dev.corelanes.cli..", "dev.corelanes.hardware..", "dev.corelanes.launch..")
                .check(CLASSES);
        // OSHI reads the machine for hardware; the engine's only use (memory on an OS without its own reader) is
        // per-OS code, inside engine.platform.
        noClasses().that().resideInAPackage("dev.corelanes.engine..")
                .and().resideOutsideOfPackage("dev.corelanes.engine.platform..")
                .should().dependOnClassesThat().resideInAPackage("oshi..")
                .check(CLASSES);
    }

    private static final String[] PER_OS_PACKAGES = {"dev.corelanes.engine.platform.linux..",
            "dev.corelanes.engine.platform.windows..", "dev.corelanes.engine.platform.mac..",
            "dev.corelanes.engine.platform.other.."};

    @Test
    void perOsCodeIsReachedOnlyThroughThePlatformPackage() {
        // Everything else asks engine.platform's interfaces (picked by host.Host from Os), never an OS's class.
        noClasses().that().resideOutsideOfPackage("dev.corelanes.engine.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(PER_OS_PACKAGES)
                .check(CLASSES);
    }

    @Test
    void theLaunchStandsOnTheEngineAlone() {
        // The launcher runs before any window or command: it restarts the JVM, picks and trains its start-up cache.
        // It may use the engine's files, child processes, platform and load reading, and never what it launches
        // (Main, app, cli), nor JavaFX or OSHI, which it must not load; nor the worker runtime, whose cache is its own.
        noClasses().that().resideInAPackage("dev.corelanes.launch..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.corelanes", "dev.corelanes.app..",
                        "dev.corelanes.cli..", "dev.corelanes.view..", "dev.corelanes.teach..", "dev.corelanes.runners..",
                        "dev.corelanes.hardware..", "dev.corelanes.bench..", "dev.corelanes.engine.process..",
                        "dev.corelanes.engine.python..", "javafx..", "oshi..")
                .check(CLASSES);
    }

    @Test
    void nativeCallsLiveInThePlatformPackage() {
        // JNA and the JDK's foreign function API bind an OS's own library: per-OS code, so only engine.platform.
        noClasses().that().resideOutsideOfPackage("dev.corelanes.engine.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..", "java.lang.foreign..")
                .check(CLASSES);
    }

    @Test
    void jnasPerOsBindingsAreUsedOnlyByThatOsCode() {
        // JNA's ready-made bindings of one OS (win32, mac, linux) belong to that OS's package alone.
        for (String os : new String[]{"windows", "mac", "linux"}) {
            String jna = os.equals("windows") ? "com.sun.jna.platform.win32.." : "com.sun.jna.platform." + os + "..";
            noClasses().that().resideOutsideOfPackage("dev.corelanes.engine.platform." + os + "..")
                    .should().dependOnClassesThat().resideInAPackage(jna)
                    .check(CLASSES);
        }
    }

    @Test
    void eachOsCodeKnowsNoOtherOs() {
        for (String os : PER_OS_PACKAGES) {
            noClasses().that().resideInAPackage(os)
                    .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(PER_OS_PACKAGES)
                            .filter(other -> !other.equals(os)).toArray(String[]::new))
                    .check(CLASSES);
        }
    }

    @Test
    void thePlatformInterfacesBindNothingAndKnowNoOs() {
        // The interfaces and Os are what the engine owns: plain Java, no native library, no OS's class.
        noClasses().that().resideInAPackage("dev.corelanes.engine.platform")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..", "java.lang.foreign..", "oshi..")
                .orShould().dependOnClassesThat().resideInAnyPackage(PER_OS_PACKAGES)
                .check(CLASSES);
    }

    @Test
    void thePlatformPackageDependsOnNothingElseOfCoreLanes() {
        // The engine and the layers above use the platform; it never uses them back (it sits below them all).
        noClasses().that().resideInAPackage("dev.corelanes.engine.platform..")
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAPackage("dev.corelanes..")
                        .and(com.tngtech.archunit.core.domain.JavaClass.Predicates
                                .resideOutsideOfPackage("dev.corelanes.engine.platform..")))
                .check(CLASSES);
    }

    @Test
    void theTimelineLayoutDoesNotImportJavaFx() {
        // The layout is drawn by the canvas, SVG and PNG alike; only the canvas surface (in app) knows JavaFX.
        noClasses().that().resideInAPackage("dev.corelanes.view..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void viewDoesNotReachIntoTheApp() {
        noClasses().that().resideInAPackage("dev.corelanes.view..")
                .should().dependOnClassesThat().resideInAPackage("dev.corelanes.app..")
                .check(CLASSES);
    }

    @Test
    void lessonsCodeSamplesAndCaptionsAreModelsWithoutJavaFx() {
        noClasses().that().resideInAPackage("dev.corelanes.teach..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void theCommandLineNeedsNoWindow() {
        noClasses().that().resideInAPackage("dev.corelanes.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.corelanes.app..")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        // Every package, engine's subpackages included: a cycle means two packages that can only change together.
        slices().matching("dev.corelanes.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theEngineChoosesNoRuntimeItself() {
        // Experiment receives its backends (dev.corelanes.runners); the runtimes depend on the engine, not back.
        noClasses().that().resideInAPackage("dev.corelanes.engine")
                .should().dependOnClassesThat().resideInAnyPackage("dev.corelanes.engine.process..",
                        "dev.corelanes.engine.python..", "dev.corelanes.runners..")
                .check(CLASSES);
    }

    @Test
    void theTwoChildRuntimesShareOnlyTheChildLifecycle() {
        // JVM workers and the Python runtime each keep their protocol; what they share is engine.child.
        noClasses().that().resideInAPackage("dev.corelanes.engine.python..")
                .should().dependOnClassesThat().resideInAPackage("dev.corelanes.engine.process..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.corelanes.engine.process..")
                .should().dependOnClassesThat().resideInAPackage("dev.corelanes.engine.python..")
                .check(CLASSES);
    }

    @Test
    void onlyTheChildLifecycleStartsProcesses() {
        // One place registers every child (none outlives this JVM) and kills it with everything it started.
        noClasses().that().resideOutsideOfPackage("dev.corelanes.engine.child..")
                .should().callMethod(ProcessBuilder.class, "start")
                .orShould().callMethod(ProcessBuilder.class, "startPipeline", java.util.List.class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .orShould().callMethod(Runtime.class, "exec", String[].class, String[].class)
                .orShould().callMethod(Runtime.class, "exec", String[].class, String[].class, java.io.File.class)
                .check(CLASSES);
    }

    @Test
    void imagesAndTablesAreNotRunFiles() {
        // A PNG, SVG, HTML or CSV that cannot be written is an OutputFileException; RunFileException is for run files.
        noClasses().that().resideInAnyPackage("dev.corelanes.view..", "dev.corelanes.app.labs..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.corelanes.engine.files.RunFileException")
                .check(CLASSES);
    }
}
