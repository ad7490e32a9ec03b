package dev.corelanes.engine.platform.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.ThreadTable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Windows: one {@code NtQuerySystemInformation(SystemProcessInformation)} call reads every process with every
 * thread; the tree is picked from it by parent id ({@code InheritedFromUniqueProcessId}). This class is the thin
 * binding only; what the bytes mean is {@link SystemProcessInformation}'s.
 */
public final class WindowsThreadTable implements ThreadTable {
    static {
        Native.register(WindowsThreadTable.class, "ntdll");
    }

    private static final int SYSTEM_PROCESS_INFORMATION = 5;
    private static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;

    private static native int NtQuerySystemInformation(int infoClass, Pointer buffer, int length, int[] returned);

    private Memory buffer = new Memory(1 << 20);

    @Override
    public synchronized List<OsProcess> read(Collection<Integer> tree) {
        int[] returned = new int[1];
        int status;
        while ((status = NtQuerySystemInformation(SYSTEM_PROCESS_INFORMATION, buffer, (int) buffer.size(), returned))
                == STATUS_INFO_LENGTH_MISMATCH && buffer.size() < (1L << 28)) {
            buffer.close();
            buffer = new Memory(Math.max(buffer.size() * 2, returned[0] + (1 << 16)));
        }
        if (status != 0) {
            return List.of();
        }
        return pick(SystemProcessInformation.parse(buffer.getByteBuffer(0, buffer.size()), returned[0],
                Pointer.nativeValue(buffer)), tree);
    }

    /** The processes of {@code tree} and their descendants, by parent id (a parent listed after its child too). */
    static List<OsProcess> pick(List<SystemProcessInformation.Entry> all, Collection<Integer> tree) {
        Set<Long> in = new HashSet<>();
        tree.forEach(p -> in.add((long) p));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SystemProcessInformation.Entry e : all) {
                if (e.processId() != 0 && !in.contains(e.processId()) && in.contains(e.parentId())) {
                    in.add(e.processId());
                    grew = true;
                }
            }
        }
        List<OsProcess> out = new ArrayList<>();
        for (SystemProcessInformation.Entry e : all) {
            if (e.processId() != 0 && in.contains(e.processId())) {
                out.add(e.toProcess());
            }
        }
        return out;
    }

    @Override
    public boolean alive(int pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String command(int pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command())).orElse("");
    }

    @Override
    public String note() {
        return NOTE;
    }

    public static final String NOTE = "Windows does not tell which CPU another process's thread ran on: threads are "
            + "drawn by state, not on core lanes.";
}
