package dev.corelanes.engine.process;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.platform.linux.ThreadStatProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which core probe a worker uses: the stat file to start, the native call for long compute tasks. */
class ChildWorkerProbeTest {

    private static final class Fixed implements CoreProbe {
        private final boolean available;

        Fixed(boolean available) {
            this.available = available;
        }

        @Override
        public int currentCore() {
            return available ? 1 : -1;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public String description() {
            return "fixed";
        }
    }

    private static CoreProbe statProbe(Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "1 (x) S" + " 0".repeat(35) + " 5 0\n");
        return ThreadStatProbe.of(stat).orElseThrow();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aWorkerOnLinuxStartsWithTheStatFile() {
        assertInstanceOf(ThreadStatProbe.class, ChildWorker.startingProbe());
    }

    @Test
    void sleepAndShortComputeTasksKeepTheStatFileAndBindNothing(@TempDir Path dir) throws Exception {
        CoreProbe start = statProbe(dir);
        AtomicInteger bound = new AtomicInteger();
        Supplier<CoreProbe> nativeProbe = () -> {
            bound.incrementAndGet();
            return new Fixed(true);
        };
        assertSame(start, ChildWorker.probeFor(start, TaskKind.SLEEP, 30, nativeProbe));
        assertSame(start, ChildWorker.probeFor(start, TaskKind.COMPUTE, 1, nativeProbe));
        assertSame(start, ChildWorker.probeFor(start, TaskKind.COMPUTE, ChildWorker.NATIVE_PROBE_SECONDS - 0.01, nativeProbe));
        assertEquals(0, bound.get(), "the native call was bound for short tasks");
    }

    @Test
    void longComputeTasksSwitchToTheNativeCall(@TempDir Path dir) throws Exception {
        CoreProbe start = statProbe(dir);
        CoreProbe nativeProbe = new Fixed(true);
        assertSame(nativeProbe, ChildWorker.probeFor(start, TaskKind.COMPUTE, ChildWorker.NATIVE_PROBE_SECONDS, () -> nativeProbe));
        // Once switched, a later config does not bind again.
        assertSame(nativeProbe, ChildWorker.probeFor(nativeProbe, TaskKind.COMPUTE, 30, () -> new Fixed(true)));
    }

    @Test
    void withoutAWorkingNativeCallTheStatFileStays(@TempDir Path dir) throws Exception {
        CoreProbe start = statProbe(dir);
        assertSame(start, ChildWorker.probeFor(start, TaskKind.COMPUTE, 30, () -> new Fixed(false)));
    }
}
