package dev.corelanes.launch;

import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Linux package's install-time check of the window cache ({@link ShippedCache#CHECK}), run for real: a small
 * app-image laid out as jpackage's (the script launcher, written from a configuration with the Linux launcher's cache
 * options, this JDK as its runtime) with a JDK AOT cache trained for it, checked as postinst checks it.
 */
class ShippedCacheCheckTest {

    @TempDir
    Path dir;

    private Path image;
    private Path cache;

    @BeforeEach
    void buildImage() throws Exception {
        assumeTrue(Os.current() == Os.LINUX, "the script launcher and the install-time check are Linux's");
        assumeTrue(Runtime.version().feature() >= AppArchive.AOT_JDK, "a JDK AOT cache needs JDK 25+");
        image = dir.toRealPath().resolve("CoreLanes");
        Path app = Files.createDirectories(image.resolve("lib/app"));
        Files.createDirectories(image.resolve("bin"));
        Files.createSymbolicLink(image.resolve("lib/runtime"), Path.of(System.getProperty("java.home")));
        Path jar = app.resolve("probe.jar");
        writeJar(jar, CacheCheckProbe.class);
        List<String> cfg = new ArrayList<>(List.of("[Application]", "app.classpath=$APPDIR/probe.jar",
                "app.mainclass=" + CacheCheckProbe.class.getName(), "", "[JavaOptions]", "java-options=-XX:+UseSerialGC"));
        ShippedCache.windowOptions(Os.LINUX).forEach(o -> cfg.add("java-options=" + o));
        Path launcher = image.resolve("bin/" + ScriptLauncher.NAME);
        Files.writeString(launcher, ScriptLauncher.script(cfg));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        cache = app.resolve(ShippedCache.WINDOW_CACHE);
        Result trained = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + cache, "-cp", jar.toString(), CacheCheckProbe.class.getName()));
        assertEquals(0, trained.code, trained.output);
        assertTrue(Files.size(cache) > 0, "an AOT cache was trained for the image");
        ShippedCache.writeCheck(app);
    }

    /** The runtime is this JDK, linked: the link goes before the folder is cleaned (nothing is deleted through it). */
    @AfterEach
    void unlinkRuntime() throws IOException {
        if (image != null) {
            Files.deleteIfExists(image.resolve("lib/runtime"));
        }
    }

    @Test
    void aSoundCacheIsKeptAndTheCheckSaysNothing() throws Exception {
        Result check = run(List.of(image.resolve("lib/app/" + ShippedCache.CHECK).toString()));
        assertEquals(0, check.code);
        assertEquals("", check.output, "a sound cache passes without a word");
        assertTrue(Files.isRegularFile(cache), "the cache stays");
    }

    @Test
    void aDamagedCacheIsRemovedWithOneLineAndTheAppStillStarts() throws Exception {
        Result before = launch();
        assertEquals(0, before.code, before.output);
        damage(cache);
        Result check = run(List.of(image.resolve("lib/app/" + ShippedCache.CHECK).toString()));
        assertEquals(0, check.code, "the check never fails the install");
        assertTrue(check.output.startsWith("CoreLanes: its start-up cache did not pass its check and was removed"), check.output);
        assertEquals(1, check.output.strip().lines().count(), "one line: " + check.output);
        assertFalse(Files.exists(cache), "the damaged cache is gone");
        Result after = launch();
        assertEquals(0, after.code, after.output);
        assertEquals("probe ran x", after.output.strip(), "the app starts without the cache, silently");
    }

    @Test
    void withoutACacheTheCheckDoesNothing() throws Exception {
        Files.delete(cache);
        Result check = run(List.of(image.resolve("lib/app/" + ShippedCache.CHECK).toString()));
        assertEquals(0, check.code);
        assertEquals("", check.output);
    }

    private Result launch() throws IOException, InterruptedException {
        return run(List.of(image.resolve("bin/" + ScriptLauncher.NAME).toString(), "x"));
    }

    /** Writes over a few blocks well past the header, as a bad sector or a cut copy would. */
    private static void damage(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[64];
            java.util.Arrays.fill(junk, (byte) 0xA5);
            for (long at = 16 * 1024; at < f.length(); at += 256 * 1024) {
                f.seek(at);
                f.write(junk);
            }
        }
    }

    private static void writeJar(Path jar, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private record Result(int code, String output) {
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        // In the test's folder: a JVM that crashes writes its hs_err file where it runs.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out);
    }
}
