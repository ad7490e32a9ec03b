package dev.corelanes.engine.trace.linux;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The perf_event byte layouts against a hand-built buffer, laid out as include/uapi/linux/perf_event.h says. */
class PerfLayoutTest {

    /** Every record the parser reports, as one line each. */
    private static final class Lines implements PerfLayout.Sink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void switched(int pid, int tid, long time, int cpu, boolean out, boolean preempted) {
            seen.add("switch " + pid + "/" + tid + " t=" + time + " cpu=" + cpu + (out ? " out" : " in")
                    + (preempted ? " preempted" : ""));
        }

        @Override
        public void forked(int pid, int ppid, int tid, int ptid, long time) {
            seen.add("fork " + pid + "/" + tid + " from " + ppid + "/" + ptid + " t=" + time);
        }

        @Override
        public void exited(int pid, int tid, long time) {
            seen.add("exit " + pid + "/" + tid + " t=" + time);
        }

        @Override
        public void named(int pid, int tid, String comm, boolean exec, long time) {
            seen.add("comm " + pid + "/" + tid + " " + comm + (exec ? " exec" : "") + " t=" + time);
        }

        @Override
        public void lost(long count, long time) {
            seen.add("lost " + count + " t=" + time);
        }
    }


    private static void header(ByteBuffer b, int type, int misc, int size) {
        b.putInt(type).putShort((short) misc).putShort((short) size);
    }

    private static void sampleId(ByteBuffer b, int pid, int tid, long time, int cpu) {
        b.putInt(pid).putInt(tid).putLong(time).putInt(cpu).putInt(0);
    }

    private static ByteBuffer fixture() {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        header(b, 14, 0, 32);                       // switch in
        sampleId(b, 100, 101, 5_000L, 1);
        header(b, 14, 0x2000 | 0x4000, 32);         // switch out, still runnable
        sampleId(b, 100, 101, 9_000L, 1);
        header(b, 14, 0x2000, 32);                  // switch out to sleep
        sampleId(b, 100, 102, 9_500L, 0);
        header(b, 7, 0, 8 + 24 + 24);               // fork: pid, ppid, tid, ptid, time, sample_id
        b.putInt(100).putInt(100).putInt(103).putInt(101).putLong(10_000L);
        sampleId(b, 100, 103, 10_000L, 0);
        byte[] name = "python3".getBytes(StandardCharsets.US_ASCII); // 7 bytes + NUL, padded to 8
        header(b, 3, 0x2000, 8 + 8 + 8 + 24);        // comm on exec
        b.putInt(104).putInt(104).put(name).put((byte) 0);
        sampleId(b, 104, 104, 11_000L, 1);
        header(b, 5, 0, 8 + 24 + 24);               // throttle: skipped by size
        b.put(new byte[24]);
        sampleId(b, 0, 0, 0, 0);
        header(b, 2, 0, 8 + 16 + 24);               // lost
        b.putLong(77).putLong(3);
        sampleId(b, 0, 0, 12_000L, 0);
        header(b, 4, 0, 8 + 24 + 24);               // exit
        b.putInt(100).putInt(100).putInt(103).putInt(103).putLong(13_000L);
        sampleId(b, 100, 103, 13_000L, 0);
        header(b, 14, 0, 32);                       // truncated: only half of it is there yet
        b.putInt(100);
        b.flip();
        return b;
    }

    @Test
    void readsEachRecordByItsLayoutAndStopsBeforeAPartialOne() {
        ByteBuffer b = fixture();
        Lines sink = new Lines();
        int read = PerfLayout.parse(b, sink);
        assertEquals(List.of(
                "switch 100/101 t=5000 cpu=1 in",
                "switch 100/101 t=9000 cpu=1 out preempted",
                "switch 100/102 t=9500 cpu=0 out",
                "fork 100/103 from 100/101 t=10000",
                "comm 104/104 python3 exec t=11000",
                "lost 3 t=12000",
                "exit 100/103 t=13000"), sink.seen);
        assertEquals(b.limit() - 12, read, "the partial record is left for the next read");
    }

    @Test
    void aRecordSplitAcrossTwoReadsIsReadWhole() {
        ByteBuffer b = fixture();
        ByteBuffer first = b.duplicate().limit(40); // the first switch and a part of the second
        Lines sink = new Lines();
        int read = PerfLayout.parse(first, sink);
        assertEquals(32, read);
        int more = PerfLayout.parse(b.duplicate().position(read), sink);
        assertEquals(b.limit() - 12 - read, more);
        assertEquals(7, sink.seen.size());
    }

    @Test
    void attrHasTheBitsAndFieldsAtTheHeadersOffsets() {
        ByteBuffer a = ByteBuffer.wrap(PerfLayout.switchAttr()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(112, a.capacity());
        assertEquals(1, a.getInt(0), "PERF_TYPE_SOFTWARE");
        assertEquals(112, a.getInt(4), "size: PERF_ATTR_SIZE_VER5");
        assertEquals(9, a.getLong(8), "PERF_COUNT_SW_DUMMY");
        assertEquals(0b1000_0110L, a.getLong(24), "TID | TIME | CPU");
        // inherit, exclude_kernel, exclude_hv, comm, task, sample_id_all, use_clockid, context_switch: the word a C
        // program built from <linux/perf_event.h> with those bits set prints on this kernel's headers.
        assertEquals(0x6042262L, a.getLong(40));
        assertEquals(1, a.getInt(92), "clockid CLOCK_MONOTONIC");
    }
}
