package dev.corelanes.engine.platform.windows;

import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.OsThread;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code NtQuerySystemInformation(SystemProcessInformation)} writes, read from its bytes: a chain of
 * {@code SYSTEM_PROCESS_INFORMATION} entries, each followed by its {@code SYSTEM_THREAD_INFORMATION} array. Layouts
 * of 64-bit Windows (the only Windows a current JDK runs on), little-endian, as Microsoft's winternl.h and the
 * phnt headers give them:
 * <pre>
 * SYSTEM_PROCESS_INFORMATION (256 bytes, then the threads)
 *    0 ULONG NextEntryOffset (0 on the last)      4 ULONG NumberOfThreads   32 LARGE_INTEGER CreateTime
 *   56 UNICODE_STRING ImageName: 56 USHORT Length (bytes), 58 MaximumLength, 64 PWSTR Buffer (an address in the
 *      same buffer)
 *   80 HANDLE UniqueProcessId                     88 HANDLE InheritedFromUniqueProcessId
 * SYSTEM_THREAD_INFORMATION (80 bytes)
 *    0 LARGE_INTEGER KernelTime, 8 UserTime, 16 CreateTime (100 ns units)   24 ULONG WaitTime
 *   32 PVOID StartAddress   40 CLIENT_ID ClientId: 40 UniqueProcess, 48 UniqueThread
 *   56 KPRIORITY Priority   60 LONG BasePriority   64 ULONG ContextSwitches
 *   68 ULONG ThreadState (KTHREAD_STATE)   72 ULONG WaitReason (KWAIT_REASON)
 * </pre>
 */
public final class SystemProcessInformation {

    public static final int PROCESS_SIZE = 256;
    public static final int THREAD_SIZE = 80;

    // KTHREAD_STATE
    public static final int INITIALIZED = 0;
    public static final int READY = 1;
    public static final int RUNNING = 2;
    public static final int STANDBY = 3;
    public static final int TERMINATED = 4;
    public static final int WAITING = 5;
    public static final int TRANSITION = 6;
    public static final int DEFERRED_READY = 7;
    public static final int GATE_WAIT_OBSOLETE = 8;
    public static final int WAITING_FOR_PROCESS_IN_SWAP = 9;

    // KWAIT_REASON: the ones mapped here
    public static final int PAGE_IN = 2;
    public static final int DELAY_EXECUTION = 4;
    public static final int SUSPENDED = 5;
    public static final int USER_REQUEST = 6;
    public static final int WR_PAGE_IN = 9;
    public static final int WR_DELAY_EXECUTION = 11;
    public static final int WR_SUSPENDED = 12;
    public static final int WR_QUEUE = 15;
    public static final int WR_PUSH_LOCK = 28;
    public static final int WR_MUTEX = 29;
    public static final int WR_FAST_MUTEX = 34;
    public static final int WR_GUARDED_MUTEX = 35;
    public static final int WR_ALERT_BY_THREAD_ID = 37;

    private SystemProcessInformation() {
    }

    /** One thread entry's fields that CoreLanes reads. Times in 100 ns units, as Windows gives them. */
    public record SystemThread(long kernelTime, long userTime, long createTime, int waitTime, long processId,
                               long threadId, int priority, int basePriority, int contextSwitches, int threadState,
                               int waitReason) {

        public long cpuNanos() {
            return (Math.max(0, kernelTime) + Math.max(0, userTime)) * 100;
        }

        /**
         * The state in CoreLanes' words: Running runs; Ready, Standby (picked to run next on a CPU) and DeferredReady
         * (ready, its CPU not yet chosen) wait for a CPU; Waiting sleeps, unless its reason is Suspended (stopped);
         * Terminated has ended. Initialized, Transition (ready, but its kernel stack is paged out), GateWaitObsolete
         * and WaitingForProcessInSwap are not said to be on or waiting for a CPU: unknown.
         */
        public OsThread.State state() {
            return switch (threadState) {
                case RUNNING -> OsThread.State.RUNNING;
                case READY, STANDBY, DEFERRED_READY -> OsThread.State.READY;
                case WAITING -> waitReason == SUSPENDED || waitReason == WR_SUSPENDED ? OsThread.State.STOPPED
                        : OsThread.State.SLEEPING;
                case TERMINATED -> OsThread.State.ENDED;
                default -> OsThread.State.UNKNOWN;
            };
        }

        /**
         * What a waiting thread waits for, where the reason's documentation says it plainly: DelayExecution is
         * {@code Sleep} (a timer); PageIn is a page read from disk (I/O); the kernel's mutexes and push locks are
         * locks. UserRequest (any WaitForSingleObject), WrQueue (a thread pool or I/O completion port waiting for
         * work), WrAlertByThreadId (which user-mode locks and condition variables use, but also other waits) and the
         * rest could be anything: unknown.
         */
        public OsThread.Wait waitKind() {
            if (threadState != WAITING) {
                return OsThread.Wait.UNKNOWN;
            }
            return switch (waitReason) {
                case DELAY_EXECUTION, WR_DELAY_EXECUTION -> OsThread.Wait.TIMER;
                case PAGE_IN, WR_PAGE_IN -> OsThread.Wait.IO;
                case WR_MUTEX, WR_FAST_MUTEX, WR_GUARDED_MUTEX, WR_PUSH_LOCK -> OsThread.Wait.LOCK;
                default -> OsThread.Wait.UNKNOWN;
            };
        }

        public OsThread toThread() {
            return new OsThread(threadId, "", state(), waitKind(), cpuNanos());
        }
    }

    /** One process entry with its threads. */
    public record Entry(long processId, long parentId, long createTime, String imageName, List<SystemThread> threads) {

        public OsProcess toProcess() {
            return new OsProcess((int) processId, (int) parentId, imageName,
                    threads.stream().map(SystemThread::toThread).toList());
        }
    }

    /**
     * Every entry of the {@code length} bytes written at {@code bytes}' start. {@code baseAddress} is where the
     * buffer was in memory: an image name's Buffer is an address in it. A chain that points outside the bytes ends
     * the reading (what was read stays).
     */
    public static List<Entry> parse(ByteBuffer bytes, int length, long baseAddress) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int limit = Math.min(length, b.limit());
        List<Entry> out = new ArrayList<>();
        int at = 0;
        while (at >= 0 && at + PROCESS_SIZE <= limit) {
            int next = b.getInt(at);
            long threads = Integer.toUnsignedLong(b.getInt(at + 4));
            String name = imageName(b, limit, at, baseAddress);
            long created = b.getLong(at + 32);
            long pid = b.getLong(at + 80);
            long parent = b.getLong(at + 88);
            List<SystemThread> list = new ArrayList<>();
            for (long i = 0; i < threads; i++) {
                long t = at + PROCESS_SIZE + i * THREAD_SIZE;
                if (t + THREAD_SIZE > limit) {
                    break;
                }
                list.add(thread(b, (int) t));
            }
            out.add(new Entry(pid, parent, created, name, list));
            if (next <= 0) {
                break;
            }
            at += next;
        }
        return out;
    }

    /**
     * The processes of {@code tree} and their descendants, by parent id ({@code InheritedFromUniqueProcessId}; a
     * parent listed after its child too). Windows reuses ids and keeps a parent's id after the parent ended, so a
     * process created before the process that now has its parent's id is not its child. The idle process (id 0) is
     * never part of a tree.
     */
    public static List<OsProcess> tree(List<Entry> all, Collection<Integer> tree) {
        Set<Long> in = new HashSet<>();
        tree.forEach(p -> in.add((long) p));
        java.util.Map<Long, Long> created = new java.util.HashMap<>();
        all.forEach(e -> created.put(e.processId(), e.createTime()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Entry e : all) {
                Long parentCreated = created.get(e.parentId()); // null: the parent has ended since the last reading
                if (e.processId() != 0 && !in.contains(e.processId()) && in.contains(e.parentId())
                        && (parentCreated == null || e.createTime() >= parentCreated)) {
                    in.add(e.processId());
                    grew = true;
                }
            }
        }
        List<OsProcess> out = new ArrayList<>();
        for (Entry e : all) {
            if (e.processId() != 0 && in.contains(e.processId())) {
                out.add(e.toProcess());
            }
        }
        return out;
    }

    private static SystemThread thread(ByteBuffer b, int t) {
        return new SystemThread(b.getLong(t), b.getLong(t + 8), b.getLong(t + 16), b.getInt(t + 24),
                b.getLong(t + 40), b.getLong(t + 48), b.getInt(t + 56), b.getInt(t + 60), b.getInt(t + 64),
                b.getInt(t + 68), b.getInt(t + 72));
    }

    /** The image name (UTF-16LE), "" for the idle process (no name) or a Buffer outside the bytes. */
    private static String imageName(ByteBuffer b, int limit, int at, long baseAddress) {
        int len = Short.toUnsignedInt(b.getShort(at + 56));
        long address = b.getLong(at + 64);
        long offset = address - baseAddress;
        if (len == 0 || address == 0 || offset < 0 || offset + len > limit) {
            return "";
        }
        byte[] text = new byte[len];
        b.get((int) offset, text);
        return new String(text, StandardCharsets.UTF_16LE);
    }
}
