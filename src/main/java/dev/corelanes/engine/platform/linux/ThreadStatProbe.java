package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.CoreProbe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Linux: the CPU a thread runs on, read from field 39 ({@code processor}) of {@code /proc/thread-self/stat} —
 * what {@code sched_getcpu()} answers, through a file instead of a native call. A worker process starts with
 * it because it costs nothing to set up: binding {@code sched_getcpu()} with the foreign function API spins
 * ~15 classes in a cold JVM (30–40 ms, the largest piece of a worker's start beyond a bare JVM; see
 * benchmarks.md), while this opens one file. Each call is one {@code pread} (~5 µs, against ~0.1 µs for the
 * native call: ~0.5 % of a compute task's CPU), so a worker whose compute tasks are long switches to the
 * native call (see the engine's ChildWorker).
 *
 * <p>The path names the calling thread when it is opened, so each thread keeps its own open file. Meant for a
 * worker's one or two task threads; a thread's file stays open until the process ends.
 */
public final class ThreadStatProbe implements CoreProbe {

    static final Path STAT = Path.of("/proc/thread-self/stat");
    /** The {@code processor} field's number in proc(5), counting from 1. */
    static final int PROCESSOR_FIELD = 39;

    private final ThreadLocal<Reader> readers;

    private ThreadStatProbe(Path stat) {
        this.readers = ThreadLocal.withInitial(() -> new Reader(stat));
    }

    /** The probe, or empty when this system has no readable {@code /proc/thread-self/stat} with a core in it. */
    public static Optional<CoreProbe> linux() {
        return of(STAT);
    }

    /** The probe reading {@code stat} (tests give a file of their own), or empty when it gives no core. */
    public static Optional<CoreProbe> of(Path stat) {
        ThreadStatProbe p = new ThreadStatProbe(stat);
        return p.currentCore() >= 0 ? Optional.of(p) : Optional.empty();
    }

    @Override
    public int currentCore() {
        return readers.get().core();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String description() {
        return "/proc/thread-self/stat";
    }

    @Override
    public boolean slowPerCall() {
        return true;
    }

    /**
     * The {@code processor} field of a stat line, or {@link #NO_CORE} when the line has none. The second
     * field (the command name, in parentheses) may itself hold spaces and parentheses: fields are counted from
     * the last ')'.
     */
    static int processorField(ByteBuffer line, int length) {
        int i = length - 1;
        while (i >= 0 && line.get(i) != ')') {
            i--;
        }
        if (i < 0) {
            return NO_CORE;
        }
        int field = 2; // the ')' ends field 2
        i++;
        while (i < length && field < PROCESSOR_FIELD) {
            if (line.get(i) == ' ') {
                field++;
            }
            i++;
        }
        if (field != PROCESSOR_FIELD || i >= length) {
            return NO_CORE;
        }
        int value = 0;
        int digits = 0;
        for (; i < length; i++) {
            byte b = line.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
            if (digits > 9) {
                return NO_CORE;
            }
        }
        return digits == 0 ? NO_CORE : value;
    }

    /** One thread's open stat file, read again from its start at each call. */
    private static final class Reader {
        private final FileChannel channel; // null when the file could not be opened
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(2048); // a stat line is ~300 bytes, at most ~1 100

        Reader(Path stat) {
            FileChannel c;
            try {
                c = FileChannel.open(stat, StandardOpenOption.READ);
            } catch (IOException | RuntimeException e) {
                c = null;
            }
            channel = c;
        }

        int core() {
            if (channel == null) {
                return NO_CORE;
            }
            buffer.clear();
            try {
                int n = channel.read(buffer, 0);
                return n <= 0 ? NO_CORE : processorField(buffer, n);
            } catch (IOException e) {
                return NO_CORE;
            }
        }
    }
}
