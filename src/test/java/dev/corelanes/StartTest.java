package dev.corelanes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartTest {

    @Test
    void readsTheFeatureReleaseOfEveryVersionScheme() {
        assertEquals(8, Start.feature("1.8"));
        assertEquals(11, Start.feature("11"));
        assertEquals(17, Start.feature("17"));
        assertEquals(25, Start.feature("25"));
        assertEquals(0, Start.feature(""));
        assertEquals(0, Start.feature("unknown"));
    }

    @Test
    void theMessageNamesTheJavaThatRanAndHowToGetANewOneOnEachOs() {
        String m = Start.message(17, "/opt/jdk-17");
        assertTrue(m.contains("Java 17 (/opt/jdk-17)"), m);
        assertTrue(m.contains("Linux") && m.contains("macOS") && m.contains("Windows"), m);
        assertTrue(m.contains("21"), m);
    }

    /** The entry class must load on an old JVM: its class file says Java 8 (major version 52). */
    @Test
    void theEntryClassIsJava8Bytecode() throws IOException {
        Path cls = Path.of("target", "classes", "dev", "corelanes", "Start.class");
        byte[] b = Files.readAllBytes(cls);
        int major = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
        assertEquals(52, major, "class file major version of " + cls);
    }

    /**
     * A real older JVM, where the machine has one (the {@code java} on PATH or a JDK beside this one, told by
     * its {@code release} file): the message, exit code 1, no stack trace.
     */
    @Test
    void anOlderJavaGetsTheMessageNotAStackTrace() throws Exception {
        java.util.List<Path> homes = new java.util.ArrayList<>();
        Path running = Path.of(System.getProperty("java.home"));
        if (running.getParent() != null) {
            try (var siblings = Files.list(running.getParent())) {
                siblings.forEach(homes::add);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path java = Path.of(dir, "java");
            if (!dir.isEmpty() && Files.isExecutable(java)) {
                Path bin = java.toRealPath().getParent(); // /usr/bin/java is a link into the JDK
                if (bin != null && bin.getParent() != null) {
                    homes.add(bin.getParent());
                }
            }
        }
        Path old = homes.stream().filter(h -> Files.isExecutable(h.resolve("bin/java")))
                .filter(h -> { int f = releaseFeature(h); return f >= 8 && f < Start.NEEDED; })
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(old != null,
                "needs a Java 8–20 to run the entry class on; none on PATH nor beside " + running);
        Process p = new ProcessBuilder(old.resolve("bin/java").toString(), "-cp",
                Path.of("target", "classes").toString(), "dev.corelanes.Start", "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.startsWith("CoreLanes needs Java 21 or newer, but this `java` is Java "
                + releaseFeature(old)), out);
        assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
    }

    /** JAVA_VERSION in a JDK's {@code release} file, as a feature number; 0 when there is none. */
    private static int releaseFeature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Start.feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK
        }
        return 0;
    }
}
