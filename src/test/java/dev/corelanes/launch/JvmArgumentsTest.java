package dev.corelanes.launch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The restart's reading of this JVM's options from its command line, as JMX would list them. */
class JvmArgumentsTest {

    private static List<String> parse(String... argv) {
        return JvmArguments.parse(List.of(argv));
    }

    @Test
    void theOptionsBeforeTheJarOrTheMainClassAreTheVmsAndTheClassPathIsNot() {
        assertEquals(List.of("-Dx=y", "-Xmx64m"), parse("/usr/bin/java", "-Dx=y", "-Xmx64m", "-jar", "app.jar", "-Dz", "a"));
        assertEquals(List.of(), parse("java", "-jar", "app.jar"));
        assertEquals(List.of("-ea", "-XX:+UseSerialGC"),
                parse("java", "-cp", "a.jar:b.jar", "-ea", "-XX:+UseSerialGC", "dev.Main", "-Xmx1g", "--add-opens", "x"));
        assertEquals(List.of("-verbose:gc"), parse("java", "-classpath", "a", "-verbose:gc", "--class-path", "b", "M"));
    }

    @Test
    void aModuleOptionWithItsValueApartReachesTheVmJoinedWithAnEqualsSign() {
        assertEquals(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                        "--module-path=/m", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"),
                parse("java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access", "ALL-UNNAMED",
                        "-p", "/m", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "-jar", "a.jar"));
        assertEquals(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-preview"),
                parse("java", "--sun-misc-unsafe-memory-access=allow", "--enable-preview", "-jar", "a.jar"));
    }

    @Test
    void theLaunchersOwnOptionsAreDropped() {
        assertEquals(List.of("-Xss1m"), parse("java", "-Xdiag", "-XshowSettings:vm", "-Xss1m", "-jar", "a.jar"));
    }

    @Test
    void whatTheCommandLineDoesNotShowIsLeftToJmx() {
        assertNull(parse("java", "@opts.txt", "-jar", "a.jar"), "an argument file's options");
        assertNull(parse("java", "-XX:VMOptionsFile=f", "-jar", "a.jar"), "a VM options file's");
        assertNull(parse("java", "-splash:s.png", "-jar", "a.jar"), "an option not known here");
        assertNull(parse("java", "-showversion", "-jar", "a.jar"));
        assertNull(parse("java", "--add-opens"), "cut short");
        assertNull(parse("java", "-Dx=y"), "no main class");
        assertNull(parse("java", "Prog.java"), "a source file launch");
        assertNull(parse("/opt/corelanes/bin/CoreLanes", "-jar", "a.jar"), "an app's own launcher");
        assertNull(parse());
    }

    @Test
    void theKernelsCommandLineSplitsAtEveryNul() {
        byte[] raw = "java\0-Dx=a b\0-jar\0a.jar\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("java", "-Dx=a b", "-jar", "a.jar"), JvmArguments.split(raw, StandardCharsets.UTF_8));
        assertEquals(List.of("java", "x"), JvmArguments.split("java\0x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    /**
     * The reader against the JVM itself: a JVM started with these options prints its command line's reading and JMX's
     * list, which must be the same (Linux; elsewhere the restart asks JMX).
     */
    @Test
    void onLinuxTheReadingIsWhatJmxSays() throws IOException, InterruptedException {
        if (!Files.isReadable(Path.of("/proc/self/cmdline"))) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<List<String>> options = List.of(
                List.of("-Dx=a b", "-Xmx64m", "-XX:+UseSerialGC", "-ea", "-esa", "-da:foo..."),
                List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access", "ALL-UNNAMED",
                        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "-Xdiag", "-Xss1m", "-verbose:gc", "-Xlog:disable"),
                List.of("--limit-modules", "java.base,java.management", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        for (List<String> o : options) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(o);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), "-Dnot=vm"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            JvmArguments.OPTION_VARIABLES.forEach(pb.environment()::remove);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            List<String> lines = out.lines().filter(l -> l.startsWith("cmdline ") || l.startsWith("jmx ")).toList();
            assertEquals(2, lines.size(), out);
            assertEquals(lines.get(1).substring("jmx ".length()), lines.get(0).substring("cmdline ".length()), out);
        }
    }

    /** Prints both readings of its own options. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            List<String> argv = JvmArguments.split(Files.readAllBytes(Path.of("/proc/self/cmdline")), java.nio.charset.Charset.defaultCharset());
            System.out.println("cmdline " + JvmArguments.parse(argv));
            System.out.println("jmx " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }
}
