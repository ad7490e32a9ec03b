package dev.corelanes.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restart that keeps JDK 24+'s Unsafe warnings off the console: when, and with what. */
class RelaunchTest {

    /** The entry point that asks for the restart (Main; named, as Main names itself). */
    private static final String MAIN = "dev.corelanes.Main";

    @Test
    void onJdk24AndNewerTheWindowRestartsOnceWithTheOptionAndTheSameArguments() {
        var cmd = Relaunch.command(MAIN, new String[] {"window", "--lesson", "cpu-python"});
        if (Runtime.version().feature() < 24) {
            assertTrue(cmd.isEmpty(), "JDK 21–23 know no such option: no restart");
            return;
        }
        List<String> c = cmd.orElseThrow();
        assertEquals(Relaunch.OPTION, c.get(1));
        assertTrue(c.contains(Relaunch.NATIVE_ACCESS), "-cp reads no manifest: native access is given by hand");
        assertTrue(c.contains("-D" + LaunchProperties.RELAUNCHED + "=true"), "the child knows it is the restart");
        // The manifest's Enable-Native-Access does not reach a -cp restart: JavaFX would warn without it.
        assertTrue(c.stream().anyMatch(a -> a.startsWith("--enable-native-access")), c.toString());
        assertEquals(List.of(MAIN, "window", "--lesson", "cpu-python"), c.subList(c.size() - 4, c.size()));
        assertEquals(Relaunch.absolute(System.getProperty("java.class.path")), c.get(c.indexOf("-cp") + 1));
    }

    @Test
    void theClassPathIsMadeAbsoluteSoTheStartUpCacheIsTheSameFromAnyFolder() {
        String sep = java.io.File.pathSeparator;
        String abs = java.nio.file.Path.of("target", "corelanes.jar").toAbsolutePath().toString();
        assertEquals(abs + sep + abs, Relaunch.absolute("target/corelanes.jar" + sep + "./target/../target/corelanes.jar"));
        assertEquals(abs, Relaunch.absolute(abs));
    }

    @Test
    void theRestartGetsThePomsWindowOptionsAndTheUsersGcWins() {
        List<String> ours = Relaunch.appOptions(List.of());
        assertTrue(ours.contains("-XX:+UseSerialGC") && ours.contains("-XX:TieredStopAtLevel=1"), ours.toString());
        assertTrue(ours.stream().noneMatch(o -> o.contains("${")), "the pom filled them in: " + ours);
        List<String> withG1 = Relaunch.appOptions(List.of("-XX:+UseG1GC"));
        assertTrue(withG1.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC")),
                "two GCs would stop the JVM: " + withG1);
        assertTrue(withG1.contains("-XX:TieredStopAtLevel=1"));
    }

    @Test
    void theRestartedJvmAndAnOptOutDoNotRestartAgain() {
        System.setProperty(LaunchProperties.RELAUNCHED, "true");
        try {
            assertTrue(Relaunch.command(MAIN, new String[0]).isEmpty());
        } finally {
            System.clearProperty(LaunchProperties.RELAUNCHED);
        }
        System.setProperty("corelanes.relaunch", "false");
        try {
            assertTrue(Relaunch.command(MAIN, new String[0]).isEmpty());
        } finally {
            System.clearProperty("corelanes.relaunch");
        }
    }
}
