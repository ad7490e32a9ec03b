package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The installer's shipped start-up caches: where they go, and how the launcher is told to use them. */
class ShippedCacheTest {

    @TempDir
    Path dir;

    private static final String CFG = """
            [Application]
            app.classpath=$APPDIR/corelanes.jar
            app.mainclass=dev.corelanes.Main

            [JavaOptions]
            java-options=-Djpackage.app-version=1.0.0
            java-options=-XX:+UseSerialGC
            """;

    @Test
    void theLauncherKeepsItsOptionsAndGainsTheCacheAfterThem() throws Exception {
        Path cfg = Files.writeString(dir.resolve("CoreLanes.cfg"), CFG);
        ShippedCache.addOptions(cfg, ShippedCache.windowOptions(Os.MAC));
        List<String> lines = Files.readAllLines(cfg);
        assertEquals(List.of("java-options=-Djpackage.app-version=1.0.0", "java-options=-XX:+UseSerialGC",
                        "java-options=-XX:AOTCache=$APPDIR/" + ShippedCache.WINDOW_CACHE, "java-options=-XX:+VerifySharedSpaces",
                        "java-options=" + AppArchive.QUIET),
                lines.subList(lines.indexOf("[JavaOptions]") + 1, lines.size()));
        assertTrue(lines.contains("app.mainclass=dev.corelanes.Main"), "the rest of the file is untouched");
    }

    @Test
    void onlyLinuxPackagesCheckTheCacheAtInstallInsteadOfAtEveryStart() {
        // Linux's postinst and %post run the check; a .dmg or an .msi runs no script of ours, so their launchers verify.
        assertFalse(ShippedCache.windowOptions(Os.LINUX).contains("-XX:+VerifySharedSpaces"));
        assertTrue(ShippedCache.windowOptions(Os.WINDOWS).contains("-XX:+VerifySharedSpaces"));
        assertTrue(ShippedCache.windowOptions(Os.MAC).contains("-XX:+VerifySharedSpaces"));
        assertTrue(ShippedCache.checkScript().contains("-XX:+VerifySharedSpaces -XX:AOTMode=on"));
    }

    @Test
    void bothLinuxPackagesRunTheCheckWhenInstalled() throws Exception {
        for (String script : List.of("installer/linux/postinst", "installer/linux/corelanes.spec")) {
            assertTrue(Files.readString(Path.of(script)).contains("\"$lib/app/" + ShippedCache.CHECK + "\" || true"), script);
        }
    }

    @Test
    void optionsGoIntoTheirSectionWhenAnotherFollowsIt() throws Exception {
        Path cfg = Files.writeString(dir.resolve("CoreLanes.cfg"), CFG + "\n[ArgOptions]\narguments=x\n");
        ShippedCache.addOptions(cfg, List.of("-Xshare:auto"));
        List<String> lines = Files.readAllLines(cfg);
        assertEquals("java-options=-Xshare:auto", lines.get(lines.indexOf("[ArgOptions]") - 2));
        assertEquals("arguments=x", lines.get(lines.size() - 1));
    }

    @Test
    void eachOsLayoutIsFoundAndNoneIsNoImage() throws Exception {
        assertNull(ShippedCache.Image.find(dir, Os.LINUX), "no launcher: nothing to train with");
        Path mac = dir.resolve("CoreLanes.app");
        Files.createDirectories(mac.resolve("Contents/MacOS"));
        Files.createDirectories(mac.resolve("Contents/app"));
        Files.writeString(mac.resolve("Contents/MacOS/CoreLanes"), "");
        Files.writeString(mac.resolve("Contents/app/CoreLanes.cfg"), CFG);
        assertEquals(mac.resolve("Contents/app"), ShippedCache.Image.find(mac, Os.MAC).appDir());
        Path linux = dir.resolve("CoreLanes");
        Files.createDirectories(linux.resolve("bin"));
        Files.createDirectories(linux.resolve("lib/app"));
        Files.writeString(linux.resolve("bin/CoreLanes"), "");
        Files.writeString(linux.resolve("lib/app/CoreLanes.cfg"), CFG);
        assertEquals(linux.resolve("bin/CoreLanes"), ShippedCache.Image.find(linux, Os.LINUX).launcher());
    }

    @Test
    void theShippedWorkerCacheIsTheNewestCompleteOne() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("corelanes"));
        assertNull(ShippedCache.newestWorkerCache(List.of(cache, dir.resolve("missing"))), "none built");
        String base = "corelanes-worker-jdk25-abc";
        Path built = Files.write(CacheFiles.temp(cache, base, ".aot"), new byte[4096]);
        CacheFiles.Generation g = CacheFiles.publish(built, cache, base, ".aot");
        Files.writeString(cache.resolve(base + ".g1-1.aot"), "older and without its checksum");
        assertEquals(g.data(), ShippedCache.newestWorkerCache(List.of(cache)));
    }
}
