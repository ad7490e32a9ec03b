package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.engine.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's first core probe: field 39 of /proc/thread-self/stat. */
class ThreadStatProbeTest {

    /** A real line (Linux 6.x), with a command name that holds spaces and parentheses; processor is 7. */
    private static final String LINE = "4242 (java (P1) x) S 4200 4242 4200 0 -1 4194560 1532 0 0 0 3 1 0 0 20 0 19 0 "
            + "123456 8000000000 12000 18446744073709551615 1 1 0 0 0 0 0 16781312 16386 0 0 0 17 7 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    private static int parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return ThreadStatProbe.processorField(ByteBuffer.wrap(b), b.length);
    }

    @Test
    void readsTheProcessorFieldCountingFromTheLastParenthesis() {
        assertEquals(7, parse(LINE));
        assertEquals(12, parse(LINE.replace(" 17 7 0 ", " 17 12 0 ")));
    }

    @Test
    void aLineWithoutThatFieldGivesNoCore() {
        assertEquals(CoreProbe.NO_CORE, parse("4242 (java) S 4200 4242\n"));
        assertEquals(CoreProbe.NO_CORE, parse("no parenthesis at all"));
        assertEquals(CoreProbe.NO_CORE, parse(LINE.replace(" 17 7 0 ", " 17 x 0 ")));
        assertEquals(CoreProbe.NO_CORE, parse(""));
    }

    @Test
    void aFileThatNamesACoreGivesAProbe(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, LINE, StandardCharsets.US_ASCII);
        CoreProbe probe = ThreadStatProbe.of(stat).orElseThrow();
        assertEquals(7, probe.currentCore());
        Files.writeString(stat, LINE.replace(" 17 7 0 ", " 17 3 0 "), StandardCharsets.US_ASCII);
        assertEquals(3, probe.currentCore(), "read again at each call, not once");
        assertTrue(probe.available());
    }

    @Test
    void noFileOrNoCoreGivesNoProbe(@TempDir Path dir) throws Exception {
        assertTrue(ThreadStatProbe.of(dir.resolve("missing")).isEmpty());
        Path broken = dir.resolve("broken");
        Files.writeString(broken, "4242 (java) S\n", StandardCharsets.US_ASCII);
        assertTrue(ThreadStatProbe.of(broken).isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxItReadsTheCpuThisThreadIsPinnedTo() throws Exception {
        CoreProbe probe = ThreadStatProbe.linux().orElseThrow();
        CpuAffinity affinity = Host.affinity();
        List<Integer> allowed = affinity.allowedCpus();
        assertTrue(affinity.supported(), affinity.unsupportedReason());
        for (int cpu : allowed) {
            try (CpuAffinity.Pinning pinned = affinity.pin(List.of(cpu))) {
                for (int i = 0; i < 100; i++) {
                    assertEquals(cpu, probe.currentCore(), "pinned to CPU " + cpu);
                }
            }
        }
        assertEquals("/proc/thread-self/stat", probe.description());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void eachThreadReadsItsOwnCore() throws Exception {
        CoreProbe probe = ThreadStatProbe.linux().orElseThrow(); // this thread's file is open now
        CpuAffinity affinity = Host.affinity();
        List<Integer> allowed = affinity.allowedCpus();
        int first = allowed.get(0);
        int last = allowed.get(allowed.size() - 1);
        AtomicInteger seen = new AtomicInteger(-2);
        CountDownLatch go = new CountDownLatch(1);
        // Started before any pinning (a thread inherits its creator's CPUs), so it may pin itself elsewhere.
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            try (CpuAffinity.Pinning p = affinity.pin(List.of(last))) {
                seen.set(probe.currentCore());
            }
        });
        try (CpuAffinity.Pinning pinned = affinity.pin(List.of(first))) {
            assertEquals(first, probe.currentCore());
            go.countDown();
            other.join();
            assertEquals(first, probe.currentCore());
        }
        assertEquals(last, seen.get(), "the other thread read its own core, not this thread's");
    }
}
