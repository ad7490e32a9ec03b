package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.CpuList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-release pair of the core probe. Tests run from a class folder, where the JVM reads no
 * {@code META-INF/versions}: the Java 21 class answers, and the Java 22 one is loaded here by hand.
 */
class ForeignProbeTest {

    private static final String NAME = "dev.corelanes.engine.platform.linux.ForeignProbe";

    @Test
    void fromAClassFolderTheJava21HalfLeavesTheProbeToJna() {
        assertTrue(ForeignProbe.linux().isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theJava22HalfReadsACpuThisThreadMayRunOn() throws Exception {
        Path classes = Path.of(ForeignProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path versioned = classes.resolve("META-INF/versions/22/" + NAME.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(versioned), "the build put no Java 22 probe at " + versioned);

        byte[] bytes = Files.readAllBytes(versioned);
        Class<?> java22 = new ClassLoader(CoreProbe.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(NAME, bytes, 0, bytes.length);
            }
        }.define();
        Method linux = java22.getMethod("linux");
        linux.setAccessible(true);
        Optional<?> found = (Optional<?>) linux.invoke(null);

        CoreProbe probe = (CoreProbe) found.orElseThrow();
        List<Integer> allowed = allowedCpus();
        for (int i = 0; i < 1_000; i++) {
            int cpu = probe.currentCore();
            assertTrue(allowed.contains(cpu), "CPU " + cpu + " is not among this process's " + allowed);
        }
        assertTrue(probe.available());
        assertEquals("sched_getcpu()", probe.description());
    }

    /** The kernel's list of the CPUs this process may run on. */
    private static List<Integer> allowedCpus() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return CpuList.parse(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no Cpus_allowed_list in /proc/self/status");
    }
}
