package dev.corelanes.engine.trace.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The byte layouts of Linux's perf_event ABI that {@link PerfSwitches} uses, in one place: the {@code perf_event_attr}
 * it opens its events with, where the ring buffer's head and tail sit in the {@code perf_event_mmap_page}, and the
 * records it reads (switch, fork, exit, comm, lost). Offsets and bit positions are those of
 * {@code include/uapi/linux/perf_event.h} (checked with offsetof on this kernel's headers); records are in the
 * machine's byte order, which is little-endian on every Linux CoreLanes runs on (x86_64, aarch64).
 */
public final class PerfLayout {

    private PerfLayout() {
    }

    /** PERF_ATTR_SIZE_VER5: up to aux_watermark / sample_max_stack; every field used here lies below it. */
    public static final int ATTR_SIZE = 112;
    public static final int PERF_TYPE_SOFTWARE = 1;
    public static final int PERF_COUNT_SW_DUMMY = 9;

    // sample_type bits
    public static final long SAMPLE_TID = 1L << 1;
    public static final long SAMPLE_TIME = 1L << 2;
    public static final long SAMPLE_CPU = 1L << 7;

    // The flags word at offset 40: bit positions of the bitfield, in declaration order.
    static final int BIT_INHERIT = 1;
    static final int BIT_EXCLUDE_KERNEL = 5;
    static final int BIT_EXCLUDE_HV = 6;
    static final int BIT_COMM = 9;
    static final int BIT_TASK = 13;
    static final int BIT_SAMPLE_ID_ALL = 18;
    static final int BIT_USE_CLOCKID = 25;
    static final int BIT_CONTEXT_SWITCH = 26;

    static final int OFF_TYPE = 0;
    static final int OFF_SIZE = 4;
    static final int OFF_CONFIG = 8;
    static final int OFF_SAMPLE_TYPE = 24;
    static final int OFF_FLAGS = 40;
    static final int OFF_CLOCKID = 92;

    public static final int CLOCK_MONOTONIC = 1;

    // perf_event_mmap_page: the first page of the mapping, the data pages after it.
    public static final int PAGE_DATA_HEAD = 1024;
    public static final int PAGE_DATA_TAIL = 1032;
    public static final int PAGE_DATA_OFFSET = 1040;
    public static final int PAGE_DATA_SIZE = 1048;

    // Record types and misc flags.
    public static final int RECORD_LOST = 2;
    public static final int RECORD_COMM = 3;
    public static final int RECORD_EXIT = 4;
    public static final int RECORD_FORK = 7;
    public static final int RECORD_SWITCH = 14;
    public static final int MISC_SWITCH_OUT = 1 << 13;
    public static final int MISC_SWITCH_OUT_PREEMPT = 1 << 14;
    public static final int MISC_COMM_EXEC = 1 << 13;

    /** The header of every record: u32 type, u16 misc, u16 size (size includes the header and padding). */
    public static final int HEADER_SIZE = 8;
    /** sample_id with TID | TIME | CPU: {u32 pid, tid} {u64 time} {u32 cpu, res}. */
    static final int SAMPLE_ID_SIZE = 24;

    /**
     * The attribute of one context-switch event: a software dummy event (counts nothing, only side-band records)
     * for user space only (what an unprivileged user may watch at perf_event_paranoid 2), inherited by every thread
     * and child the task starts, with fork/exit ({@code task}) and rename ({@code comm}) records, and every record
     * stamped with thread, CLOCK_MONOTONIC time and CPU ({@code sample_id_all}).
     */
    public static byte[] switchAttr() {
        ByteBuffer b = ByteBuffer.allocate(ATTR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(OFF_TYPE, PERF_TYPE_SOFTWARE);
        b.putInt(OFF_SIZE, ATTR_SIZE);
        b.putLong(OFF_CONFIG, PERF_COUNT_SW_DUMMY);
        b.putLong(OFF_SAMPLE_TYPE, SAMPLE_TID | SAMPLE_TIME | SAMPLE_CPU);
        long flags = 1L << BIT_INHERIT | 1L << BIT_EXCLUDE_KERNEL | 1L << BIT_EXCLUDE_HV | 1L << BIT_COMM
                | 1L << BIT_TASK | 1L << BIT_SAMPLE_ID_ALL | 1L << BIT_USE_CLOCKID | 1L << BIT_CONTEXT_SWITCH;
        b.putLong(OFF_FLAGS, flags);
        b.putInt(OFF_CLOCKID, CLOCK_MONOTONIC);
        return b.array();
    }

    /** What the records say, one call per record ({@link #parse}). Times are CLOCK_MONOTONIC nanoseconds. */
    public interface Sink {
        /** A thread put on ({@code out} false) or taken off CPU {@code cpu}; {@code preempted}: taken off still runnable. */
        void switched(int pid, int tid, long time, int cpu, boolean out, boolean preempted);

        /** A thread or process started ({@code pid == tid}: a process), by thread {@code ptid}. */
        void forked(int pid, int ppid, int tid, int ptid, long time);

        void exited(int pid, int tid, long time);

        /** A thread's new name ({@code exec}: a process became a new program). */
        void named(int pid, int tid, String comm, boolean exec, long time);

        /** The kernel dropped {@code count} records: the buffer was full. */
        void lost(long count, long time);
    }

    /**
     * Reads every whole record in {@code buf} from its position to its limit (a copy of the ring's unread part, in
     * order, wrap-around undone) and tells {@code sink}; records of other types are skipped by their size. Returns
     * the bytes read (a truncated record at the end is left).
     */
    public static int parse(ByteBuffer buf, Sink sink) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        int at = start;
        int end = b.limit();
        while (end - at >= HEADER_SIZE) {
            int type = b.getInt(at);
            int misc = Short.toUnsignedInt(b.getShort(at + 4));
            int size = Short.toUnsignedInt(b.getShort(at + 6));
            if (size < HEADER_SIZE || at + size > end) {
                break;
            }
            int body = at + HEADER_SIZE;
            int id = at + size - SAMPLE_ID_SIZE; // sample_id is the record's tail
            switch (type) {
                case RECORD_SWITCH -> {
                    if (size >= HEADER_SIZE + SAMPLE_ID_SIZE) {
                        boolean out = (misc & MISC_SWITCH_OUT) != 0;
                        sink.switched(b.getInt(id), b.getInt(id + 4), b.getLong(id + 8), b.getInt(id + 16), out,
                                out && (misc & MISC_SWITCH_OUT_PREEMPT) != 0);
                    }
                }
                case RECORD_FORK, RECORD_EXIT -> {
                    if (size >= HEADER_SIZE + 24) {
                        int pid = b.getInt(body);
                        int ppid = b.getInt(body + 4);
                        int tid = b.getInt(body + 8);
                        int ptid = b.getInt(body + 12);
                        long time = b.getLong(body + 16);
                        if (type == RECORD_FORK) {
                            sink.forked(pid, ppid, tid, ptid, time);
                        } else {
                            sink.exited(pid, tid, time);
                        }
                    }
                }
                case RECORD_COMM -> {
                    if (size >= HEADER_SIZE + 8 + SAMPLE_ID_SIZE) {
                        int nameEnd = body + 8;
                        while (nameEnd < id && b.get(nameEnd) != 0) {
                            nameEnd++;
                        }
                        byte[] name = new byte[nameEnd - body - 8];
                        b.get(body + 8, name);
                        sink.named(b.getInt(body), b.getInt(body + 4), new String(name, StandardCharsets.UTF_8),
                                (misc & MISC_COMM_EXEC) != 0, b.getLong(id + 8));
                    }
                }
                case RECORD_LOST -> {
                    if (size >= HEADER_SIZE + 16) {
                        sink.lost(b.getLong(body + 8), size >= HEADER_SIZE + 16 + SAMPLE_ID_SIZE ? b.getLong(id + 8) : -1);
                    }
                }
                default -> {
                    // throttle and others: not ours to read
                }
            }
            at += size;
        }
        return at - start;
    }
}
