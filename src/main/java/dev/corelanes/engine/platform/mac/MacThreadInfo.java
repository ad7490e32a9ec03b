package dev.corelanes.engine.platform.mac;

import dev.corelanes.engine.platform.OsThread;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct proc_threadinfo} of macOS's {@code <sys/proc_info.h>}, as {@code proc_pidinfo(pid,
 * PROC_PIDTHREADINFO, thread, buf, size)} fills it, read from its bytes. Every Mac this runs on is 64-bit and
 * little-endian (Intel and Apple silicon alike); the layout, with no padding:
 * <pre>
 *   0  uint64_t pth_user_time      user run time, nanoseconds (the kernel fills it from microseconds)
 *   8  uint64_t pth_system_time    system run time, nanoseconds
 *  16  int32_t  pth_cpu_usage      scaled CPU usage (per TH_USAGE_SCALE = 1000)
 *  20  int32_t  pth_policy         scheduling policy
 *  24  int32_t  pth_run_state      TH_STATE_RUNNING 1, STOPPED 2, WAITING 3, UNINTERRUPTIBLE 4, HALTED 5
 *  28  int32_t  pth_flags          TH_FLAGS_SWAPPED 0x1, TH_FLAGS_IDLE 0x2
 *  32  int32_t  pth_sleep_time     seconds it has slept
 *  36  int32_t  pth_curpri, 40 pth_priority, 44 pth_maxpriority
 *  48  char     pth_name[64]       MAXTHREADNAMESIZE, NUL-terminated
 * </pre>
 * 112 bytes in all. Mach's {@code TH_STATE_RUNNING} is "running or runnable": a thread waiting for a CPU is in it
 * too, and nothing here tells the two apart.
 */
public record MacThreadInfo(long userNanos, long systemNanos, int cpuUsage, int policy, int runState, int flags,
                            int sleepSeconds, int curPriority, int priority, int maxPriority, String name) {

    /** {@code sizeof(struct proc_threadinfo)}. */
    public static final int SIZE = 112;
    public static final int TH_STATE_RUNNING = 1;
    public static final int TH_STATE_STOPPED = 2;
    public static final int TH_STATE_WAITING = 3;
    public static final int TH_STATE_UNINTERRUPTIBLE = 4;
    public static final int TH_STATE_HALTED = 5;
    private static final int NAME_AT = 48;
    private static final int NAME_SIZE = 64;

    /** The struct at the start of {@code bytes} ({@code length} of them filled), or null when it is short. */
    public static MacThreadInfo parse(byte[] bytes, int length) {
        if (bytes == null || length < SIZE || bytes.length < SIZE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int end = NAME_AT;
        while (end < NAME_AT + NAME_SIZE && bytes[end] != 0) {
            end++;
        }
        String name = new String(bytes, NAME_AT, end - NAME_AT, StandardCharsets.UTF_8);
        return new MacThreadInfo(b.getLong(0), b.getLong(8), b.getInt(16), b.getInt(20), b.getInt(24), b.getInt(28),
                b.getInt(32), b.getInt(36), b.getInt(40), b.getInt(44), name);
    }

    /**
     * The state in CoreLanes' words: RUNNING is running <em>or</em> runnable (Mach does not say which); WAITING and
     * UNINTERRUPTIBLE sleep; STOPPED and HALTED (stopped at a clean point, as when suspended or ending) are not let
     * run; any other value is unknown.
     */
    public OsThread.State state() {
        return switch (runState) {
            case TH_STATE_RUNNING -> OsThread.State.RUNNING_OR_RUNNABLE;
            case TH_STATE_WAITING -> OsThread.State.SLEEPING;
            case TH_STATE_UNINTERRUPTIBLE -> OsThread.State.SLEEPING_UNINTERRUPTIBLE;
            case TH_STATE_STOPPED, TH_STATE_HALTED -> OsThread.State.STOPPED;
            default -> OsThread.State.UNKNOWN;
        };
    }

    /** CPU time so far, user and system. */
    public long cpuNanos() {
        return Math.max(0, userNanos) + Math.max(0, systemNanos);
    }

    /** This thread as a table reading ({@code tid} is the id it was listed by). macOS says nothing of what it waits for. */
    public OsThread toThread(long tid) {
        return new OsThread(tid, name, state(), OsThread.Wait.UNKNOWN, cpuNanos());
    }

    /**
     * The thread ids {@code proc_pidinfo(pid, PROC_PIDLISTTHREADS, 0, buf, size)} wrote: {@code uint64_t}s, as many
     * as the {@code filled} bytes it returned hold (zeros are unused slots).
     */
    public static long[] threadIds(byte[] bytes, int filled) {
        int n = Math.max(0, Math.min(filled, bytes == null ? 0 : bytes.length)) / Long.BYTES;
        ByteBuffer b = ByteBuffer.wrap(bytes == null ? new byte[0] : bytes).order(ByteOrder.LITTLE_ENDIAN);
        return java.util.stream.LongStream.range(0, n).map(i -> b.getLong((int) i * Long.BYTES)).filter(id -> id != 0)
                .toArray();
    }
}
