package dev.corelanes.engine.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where JNA may unpack its native library ({@code libjnidispatch}, ~200 KB) so that this process can load it.
 * Left alone, JNA unpacks it under {@code $XDG_CACHE_HOME/JNA/temp}: on a full or {@code noexec} file system
 * every command died with a 32-line {@code UnsatisfiedLinkError}, and a relative {@code XDG_CACHE_HOME} (which
 * the XDG spec says to ignore) made a {@code JNA/temp} folder in the working folder. So before JNA is first used,
 * {@code jna.tmpdir} is set to the first folder that can take it and run it: CoreLanes's cache folder, else the
 * temporary folder. When neither can, JNA may use a {@code libjnidispatch} installed on the system; without one,
 * native calls fail and the callers say so (core unknown, no pinning, the JVM's own view of the machine).
 */
public final class NativeFolder {

    static final String TMPDIR = "jna.tmpdir";
    /** Room the library needs, with margin. */
    static final long NEEDED_BYTES = 4L << 20;

    private static volatile String problem = "";

    private NativeFolder() {
    }

    /** Chooses JNA's folder (once, first thing in {@code main}); a folder the user set is kept. */
    public static void prepare() {
        if (System.getProperty(TMPDIR) != null) {
            return;
        }
        List<String> tried = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        Path cache = CacheFolder.dir();
        if (cache != null) {
            candidates.add(cache.resolve("jna"));
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank()) {
            candidates.add(Path.of(tmp));
        }
        for (Path c : candidates) {
            String why = unusable(c);
            if (why == null) {
                System.setProperty(TMPDIR, c.toString());
                return;
            }
            tried.add(c + " " + why);
        }
        // Nowhere to unpack it: a system-wide libjnidispatch is the last chance.
        System.setProperty("jna.nosys", "false");
        problem = "no folder can hold JNA's native library (" + String.join("; ", tried) + ")";
        if (!candidates.isEmpty()) {
            // Never the relative or unusable $XDG_CACHE_HOME JNA would pick by itself.
            System.setProperty(TMPDIR, candidates.get(candidates.size() - 1).toString());
        }
    }

    /** Why no native library could be unpacked, or "" (for messages next to "core unknown"). */
    public static String problem() {
        return problem;
    }

    /** Why {@code dir} cannot hold a library this process loads, or null when it can. */
    static String unusable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            return "cannot be created";
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return "is not writable";
        }
        try {
            if (Files.getFileStore(dir).getUsableSpace() < NEEDED_BYTES) {
                return "is full";
            }
        } catch (IOException | RuntimeException e) {
            // unknown: try it
        }
        if (noexec(dir)) {
            return "is on a noexec file system";
        }
        return null;
    }

    /** Linux: true when {@code dir} is on a file system mounted {@code noexec} (libraries cannot be mapped there). */
    static boolean noexec(Path dir) {
        Path mounts = Path.of("/proc/self/mountinfo");
        if (!Files.isReadable(mounts)) {
            return false;
        }
        try {
            return noexec(dir.toRealPath(), Files.readAllLines(mounts, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the mount {@code real} lies on (the longest mount point above it) is {@code noexec}, from mountinfo. */
    static boolean noexec(Path real, List<String> mountinfo) {
        String best = null;
        boolean bestNoexec = false;
        for (String line : mountinfo) {
            // "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
            String[] f = line.split(" ");
            if (f.length < 6) {
                continue;
            }
            Path point = Path.of(unescape(f[4]));
            if (real.startsWith(point) && (best == null || point.getNameCount() >= Path.of(best).getNameCount())) {
                best = point.toString();
                bestNoexec = List.of(f[5].split(",")).contains("noexec");
            }
        }
        return bestNoexec;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ("\\040"). */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
