package dev.corelanes.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says in one line that the system refused a thread or a process, and what limit was likely reached. A run
 * that asks for more threads or processes than {@code ulimit -u} allows must fail with that line, not with
 * a stack trace per refusal.
 */
public final class ResourceLimits {

    private ResourceLimits() {
    }

    /** Why the system refused to create a thread or process, or null when {@code e} is another failure. */
    public static String refusal(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof OutOfMemoryError && m.contains("unable to create native thread")) {
            return "the system refused a new thread";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + m + ")";
        }
        if (e instanceof IOException && (m.contains("error=23") || m.contains("Too many open files in system"))) {
            return "the system refused a new process (the whole system has too many open files)";
        }
        if (e instanceof IOException && (m.contains("error=24") || m.contains("Too many open files"))) {
            return OPEN_FILES;
        }
        if (e instanceof IOException && (m.contains("error=11") || m.contains("Resource temporarily unavailable"))) {
            return "the system refused a new process (resource temporarily unavailable)";
        }
        if (e instanceof IOException && (m.contains("error=12") || m.contains("Cannot allocate memory"))) {
            return "the system refused a new process (not enough memory)";
        }
        return null;
    }

    /** The refusal of a process for want of file descriptors (each child needs three pipes). */
    public static final String OPEN_FILES = "the system refused a new process (too many open files)";

    /** The note that names the limit behind {@code refusal} (a text from {@link #refusal}). */
    public static String noteFor(String refusal) {
        return OPEN_FILES.equals(refusal) ? openFilesNote() : limitNote();
    }

    private static volatile long openFilesLimit = -2;

    /**
     * Linux: {@link #OPEN_FILES} when this process has fewer than {@code headroom} file descriptors left under its
     * limit (ulimit -n), else null (also where this cannot be told). Checked before starting a child: the JDK's
     * spawn helper inherits the parent's descriptors, and when none is left it prints its own lines on the
     * terminal ("jspawnhelper: error while loading shared libraries … Error 24") besides failing.
     */
    public static String openFilesShortage(int headroom) {
        long limit = openFilesLimit();
        if (limit <= 0) {
            return null;
        }
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() + headroom > limit ? OPEN_FILES : null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() != null && e.getMessage().contains("Too many open files") ? OPEN_FILES : null;
        }
    }

    /** The soft limit on open files, or -1 when unlimited or unknown. */
    private static long openFilesLimit() {
        long l = openFilesLimit;
        if (l == -2) {
            l = -1;
            Path limits = Path.of("/proc/self/limits");
            try {
                if (Files.isReadable(limits)) {
                    for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                        if (line.startsWith("Max open files")) {
                            String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                            l = soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                l = -1;
            }
            openFilesLimit = l;
        }
        return l;
    }

    /** The limit on open files of this process, as a note to a refusal. */
    public static String openFilesNote() {
        Path limits = Path.of("/proc/self/limits");
        try {
            if (Files.isReadable(limits)) {
                for (String l : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                    if (l.startsWith("Max open files")) {
                        String soft = l.substring("Max open files".length()).trim().split("\\s+")[0];
                        return " (ulimit -n allows " + soft + " open files for this program; each process takes "
                                + "three pipes)";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no number then
        }
        return " (a limit on open files: ulimit -n)";
    }

    /** "started 97 of 256 threads; the system refused the other 159: … (ulimit -u …)". */
    public static String refused(int started, int wanted, String what, Throwable e) {
        String why = refusal(e);
        return "started " + started + " of " + wanted + " " + what + "; the system refused the other "
                + (wanted - started) + ": " + (why == null ? String.valueOf(e) : why) + limitNote();
    }

    /** The per-user limit on processes and threads, as a note to a refusal; "" when there is none to name. */
    public static String limitNote() {
        Path limits = Path.of("/proc/self/limits");
        try {
            if (Files.isReadable(limits)) {
                for (String l : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                    if (l.startsWith("Max processes")) {
                        String soft = l.substring("Max processes".length()).trim().split("\\s+")[0];
                        return soft.equals("unlimited") ? " (no per-user process limit is set: memory or a system-wide limit)"
                                : " (ulimit -u allows " + soft + " processes and threads for this user, all programs together)";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no note then
        }
        return " (a limit on processes and threads, or memory)";
    }
}
