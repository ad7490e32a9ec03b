package dev.corelanes.engine.process;

import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An abandoned trainer ends without writing its record, through the OS's own kill of itself — not through a
 * {@code /bin/kill}, which Windows does not have — and halts only where that call cannot be made.
 */
@Timeout(180) // a hang guard only
class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    void theOsKillIsTriedFirstAndHaltOnlyWhenThisJvmSurvivedIt() {
        List<String> order = new ArrayList<>();
        TrainingRun.abandon(() -> order.add("kill"), code -> order.add("halt " + code));
        assertEquals(List.of("kill", "halt 143"), order, "halt only as the fallback");
    }

    @Test
    void whereTheOsCallCannotBeMadeItHalts() {
        List<String> order = new ArrayList<>();
        TrainingRun.abandon(() -> {
            throw new UnsatisfiedLinkError("no kernel32 here");
        }, code -> order.add("halt " + code));
        assertEquals(List.of("halt 143"), order);
    }

    /** On Linux and macOS the Windows call is missing for real: what an OS without the call goes through. */
    @Test
    void theOtherOsCallIsMissingHereAndTheFallbackTakesOver() {
        assumeTrue(!Needs.windows(), "needs an OS without kernel32");
        List<String> order = new ArrayList<>();
        TrainingRun.abandon(Host.selfKill(Os.WINDOWS, TrainingRun.EXIT_CODE), code -> order.add("halt " + code));
        assertEquals(List.of("halt 143"), order);
    }

    /**
     * The real thing, in a JVM recording a training run: abandoned, it is killed (SIGKILL, exit status 137) and its
     * record stays empty; halted, it writes the whole record (several MB) — the cost that abandoning spares.
     */
    @Test
    void anAbandonedRecordingJvmWritesNoRecordAHaltedOneDoes() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "needs JDK 25+ (-XX:AOTMode=record)");
        String classPath = jarClassPath();
        Path abandoned = dir.resolve("abandoned.aotconf");
        Process a = record(classPath, abandoned, "abandon");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS));
        if (!Needs.windows()) {
            assertEquals(128 + 9, a.exitValue(), "killed by SIGKILL: " + output("abandon"));
        } else {
            assertEquals(TrainingRun.EXIT_CODE, a.exitValue(), output("abandon"));
        }
        assertTrue(!Files.exists(abandoned) || Files.size(abandoned) == 0,
                "the abandoned JVM wrote " + (Files.exists(abandoned) ? Files.size(abandoned) : 0) + " bytes of record");

        Path halted = dir.resolve("halted.aotconf");
        Process h = record(classPath, halted, "halt");
        assertTrue(h.waitFor(120, TimeUnit.SECONDS));
        assertEquals(TrainingRun.EXIT_CODE, h.exitValue(), output("halt"));
        assertTrue(Files.size(halted) > 1 << 20, "a halted recording still writes its record: " + Files.size(halted));
    }

    private Process record(String classPath, Path config, String how) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, AbandoningTrainer.class.getName(), how);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(how + ".out").toFile()).start();
    }

    private String output(String how) throws IOException {
        Path out = dir.resolve(how + ".out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /**
     * A JVM recording a training run refuses class folders on its class path, so the classes it needs go in a
     * jar of their own, beside the JNA jars of this JVM's class path.
     */
    private String jarClassPath() throws Exception {
        Path jar = dir.resolve("trainer.jar");
        Path main = Path.of(TrainingRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path test = Path.of(AbandoningTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = "dev/corelanes/engine/process/";
        String platform = "dev/corelanes/engine/platform/"; // the self-kill and the Os decision
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : List.of(main, test)) {
                try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith("TrainingRun")
                            || f.getFileName().toString().startsWith("AbandoningTrainer")).toList()) {
                        out.putNextEntry(new JarEntry(pkg + f.getFileName()));
                        Files.copy(f, (OutputStream) out);
                        out.closeEntry();
                    }
                }
            }
            if (Files.isDirectory(main.resolve(platform))) {
                try (Stream<Path> files = Files.walk(main.resolve(platform))) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        out.putNextEntry(new JarEntry(main.relativize(f).toString().replace(File.separatorChar, '/')));
                        Files.copy(f, (OutputStream) out);
                        out.closeEntry();
                    }
                }
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && Path.of(e).getFileName().toString().startsWith("jna")) {
                entries.add(e);
            }
        }
        assertTrue(entries.size() > 1, "JNA is on the class path");
        return String.join(File.pathSeparator, entries);
    }
}
