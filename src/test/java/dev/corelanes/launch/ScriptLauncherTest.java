package dev.corelanes.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Linux launcher script: the same java, options, class path and main class as jpackage's configuration says. */
class ScriptLauncherTest {

    @TempDir
    Path dir;

    private static final List<String> CFG = List.of(
            "[Application]",
            "app.classpath=$APPDIR/corelanes.jar",
            "app.mainclass=dev.corelanes.Main",
            "app.classpath=$APPDIR/lib/odd \"name\" $x.jar",
            "",
            "[JavaOptions]",
            "java-options=-Djpackage.app-version=1.0.0",
            "java-options=-XX:AOTCache=$APPDIR/corelanes.aot",
            "java-options=-Dquote=it's `here`");

    @Test
    void theScriptStartsTheRuntimeWithEveryOptionAndArgumentAsJpackagesLauncherWould() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        // An app-image whose "java" prints what it was given, one argument per line.
        Path image = dir.resolve("My Apps/CoreLanes");
        Files.createDirectories(image.resolve("bin"));
        Files.createDirectories(image.resolve("lib/runtime/bin"));
        Path java = image.resolve("lib/runtime/bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$0\" \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = image.resolve("bin/CoreLanes");
        Files.writeString(launcher, ScriptLauncher.script(CFG));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Started through a symlink elsewhere, as a menu entry or /usr/bin link may: the image is still found.
        Path link = Files.createSymbolicLink(dir.resolve("corelanes-link"), launcher);

        Process p = new ProcessBuilder(link.toString(), "run", "a b", "$HOME").redirectErrorStream(true).start();
        List<String> got = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor());
        String app = launcher.toRealPath().getParent().getParent().resolve("lib/app").toString();
        assertEquals(List.of(java.toRealPath().toString(),
                "-Djpackage.app-version=1.0.0",
                "-XX:AOTCache=" + app + "/corelanes.aot",
                "-Dquote=it's `here`",
                "-Djpackage.app-path=" + launcher.toRealPath(),
                "-cp", app + "/corelanes.jar:" + app + "/lib/odd \"name\" $x.jar",
                "dev.corelanes.Main", "run", "a b", "$HOME"), got);
    }

    @Test
    void aConfigurationItCannotPassInFullIsRefusedSoJpackagesLauncherIsKept() {
        assertThrows(IllegalArgumentException.class, () -> ScriptLauncher.script(List.of("[Application]",
                "app.mainmodule=dev.corelanes/dev.corelanes.Main", "app.classpath=$APPDIR/x.jar")));
        assertThrows(IllegalArgumentException.class, () -> ScriptLauncher.script(List.of("[JavaOptions]",
                "java-options=-Xmx1g")));
    }
}
