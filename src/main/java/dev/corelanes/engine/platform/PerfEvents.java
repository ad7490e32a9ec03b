package dev.corelanes.engine.platform;

/**
 * The raw calls behind the kernel's perf event records, where an OS has them (Linux: {@code perf_event_open}, the
 * mapping of an event's ring buffer, reads and writes of that memory). Every failing call returns the negated
 * {@code errno}: a refusal is an answer, not an exception. {@code engine.trace.linux.PerfSwitches} reads switch
 * records through it.
 */
public interface PerfEvents {

    /** The system's page size; throws (a {@link LinkageError}) where the calls cannot be bound. */
    int pageSize();

    /**
     * {@code perf_event_open(attr, tid, cpu, -1, PERF_FLAG_FD_CLOEXEC)}: the event's file descriptor, or -errno
     * (-ENOSYS, 38, on an architecture whose syscall number is not known here).
     */
    int open(byte[] attr, int tid, int cpu);

    /** Maps {@code length} bytes of event {@code fd}, shared and writable: the address, or -errno. */
    long map(int fd, long length);

    void unmap(long address, long length);

    void close(int fd);

    long getLong(long address, long offset);

    void putLong(long address, long offset, long value);

    /** Copies {@code length} bytes from {@code address + offset} into {@code into} at {@code at}. */
    void read(long address, long offset, byte[] into, int at, int length);
}
