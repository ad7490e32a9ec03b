package dev.corelanes.engine.platform.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.corelanes.engine.platform.OsProcess;
import dev.corelanes.engine.platform.ThreadTable;

import java.util.Collection;
import java.util.List;

/**
 * Windows: one {@code NtQuerySystemInformation(SystemProcessInformation)} call reads every process with every
 * thread; the tree is picked from it by parent id ({@code InheritedFromUniqueProcessId}). This class is the thin
 * binding only; what the bytes mean is {@link SystemProcessInformation}'s.
 */
public final class WindowsThreadTable implements ThreadTable {

    private static final int SYSTEM_PROCESS_INFORMATION = 5;
    private static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;

    /** The binding, made when first called (making a table binds nothing). */
    private static final class Lib {
        static {
            Native.register(Lib.class, "ntdll");
        }

        static native int NtQuerySystemInformation(int infoClass, Pointer buffer, int length, int[] returned);
    }

    private Memory buffer; // allocated at the first reading; grown when the machine's processes need more

    @Override
    public String unavailableReason() {
        try {
            Lib.NtQuerySystemInformation(-1, Pointer.NULL, 0, new int[1]); // an unknown class: binds, reads nothing
            return "";
        } catch (LinkageError e) {
            return "ntdll could not be loaded (" + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized List<OsProcess> read(Collection<Integer> tree) {
        if (buffer == null) {
            buffer = new Memory(1 << 20);
        }
        int[] returned = new int[1];
        int status;
        while ((status = Lib.NtQuerySystemInformation(SYSTEM_PROCESS_INFORMATION, buffer, (int) buffer.size(), returned))
                == STATUS_INFO_LENGTH_MISMATCH && buffer.size() < (1L << 28)) {
            buffer.close();
            buffer = new Memory(Math.max(buffer.size() * 2, returned[0] + (1 << 16)));
        }
        if (status != 0) {
            return List.of();
        }
        var all = SystemProcessInformation.parse(buffer.getByteBuffer(0, buffer.size()), returned[0],
                Pointer.nativeValue(buffer));
        return SystemProcessInformation.tree(all, tree);
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
