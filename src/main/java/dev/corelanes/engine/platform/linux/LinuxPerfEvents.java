package dev.corelanes.engine.platform.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.corelanes.engine.platform.PerfEvents;

import java.util.Locale;

/**
 * Linux: the raw calls behind the kernel's perf event records ({@code engine.trace.linux.PerfSwitches} reads them):
 * {@code perf_event_open} through {@code syscall(2)} (glibc has no wrapper), {@code mmap}/{@code munmap} of an
 * event's ring buffer, {@code close}, and plain reads and writes of the mapped memory. Each failing call returns the
 * negated {@code errno}: a refusal is an answer here, not an exception. Bound on first use only.
 */
public final class LinuxPerfEvents implements PerfEvents {

    /** The syscall number of perf_event_open on this machine's architecture, or -1 where it is not known here. */
    static long syscallNumber() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> 298;
            case "aarch64", "arm64" -> 241;
            default -> -1;
        };
    }

    private static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        // Every argument as a 64-bit register: syscall(2) passes them on as such, the kernel reads its own widths.
        static native long syscall(long number, byte[] attr, long pid, long cpu, long groupFd, long flags);

        static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

        static native int munmap(long addr, long length);

        static native int close(int fd);

        static native int getpagesize();
    }

    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final int PERF_FLAG_FD_CLOEXEC = 8;

    @Override
    public int pageSize() {
        return Libc.getpagesize();
    }

    /** CLOEXEC: no program this JVM starts later holds the event open. */
    @Override
    public int open(byte[] attr, int tid, int cpu) {
        long nr = syscallNumber();
        if (nr < 0) {
            return -38; // ENOSYS: this architecture's number is not known here
        }
        long fd = Libc.syscall(nr, attr, tid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
        return fd < 0 ? -Native.getLastError() : (int) fd;
    }

    /** Writable: the reader hands the tail back to the kernel there. */
    @Override
    public long map(int fd, long length) {
        long at = Libc.mmap(0, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        return at == -1 ? -Native.getLastError() : at;
    }

    @Override
    public void unmap(long address, long length) {
        Libc.munmap(address, length);
    }

    @Override
    public void close(int fd) {
        Libc.close(fd);
    }

    @Override
    public long getLong(long address, long offset) {
        return new Pointer(address).getLong(offset);
    }

    @Override
    public void putLong(long address, long offset, long value) {
        new Pointer(address).setLong(offset, value);
    }

    @Override
    public void read(long address, long offset, byte[] into, int at, int length) {
        new Pointer(address).read(offset, into, at, length);
    }
}
