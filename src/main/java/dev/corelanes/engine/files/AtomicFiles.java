package dev.corelanes.engine.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files all or nothing, without clobbering what the user's path really is:
 * <ul>
 *   <li>a regular file (new or existing) is written into a temporary file beside it, then moved into
 *       place: a full disk or a crash mid-write leaves the old file (or none), never half of the new one;</li>
 *   <li>a symbolic link is followed, and its target is written that way (the link stays a link);</li>
 *   <li>a character device or FIFO ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is written
 *       directly: moving a file over it would replace the device node itself;</li>
 *   <li>a folder is refused.</li>
 * </ul>
 * A {@link Batch} writes several files all or none: every content is rendered and staged before the first
 * file is replaced.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Linux resolves at most 40 links in a path; a longer chain is a loop. */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    public static void write(Path file, Content content) throws OutputFileException {
        new Batch().add(file, content).commit();
    }

    /** What is at a path once its symbolic links are followed. */
    enum Kind { NEW, REGULAR, SPECIAL }

    record Target(Path given, Path real, Kind kind) {
    }

    /**
     * Follows {@code file}'s symbolic links to what will really be written. A link inside {@code /proc}
     * (what {@code /dev/stdout} and {@code /dev/fd/N} lead to) names an open file, not a path, so it is
     * written through directly, like a device.
     */
    static Target target(Path file) throws OutputFileException {
        Path p = file.toAbsolutePath();
        try {
            for (int hops = 0; Files.isSymbolicLink(p); hops++) {
                if (hops == MAX_LINKS) {
                    throw new OutputFileException("Cannot write " + file + ": too many symbolic links (a loop?).");
                }
                if (p.startsWith("/proc")) {
                    return new Target(file, p, Kind.SPECIAL);
                }
                Path link = Files.readSymbolicLink(p);
                p = p.getParent().resolve(link);
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                Path dir = p.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new OutputFileException("Cannot write " + file + ": folder " + (dir == null ? "/" : dir)
                            + " does not exist.");
                }
                return new Target(file, p, Kind.NEW);
            }
            if (a.isDirectory()) {
                throw new OutputFileException("Cannot write " + file + ": it is a folder.");
            }
            return new Target(file, p, a.isRegularFile() ? Kind.REGULAR : Kind.SPECIAL);
        } catch (AccessDeniedException e) {
            throw new OutputFileException("Cannot write " + file + ": permission denied.");
        } catch (IOException e) {
            throw new OutputFileException("Cannot write " + file + ": " + reason(e));
        }
    }

    /** Why {@code file} could not be written, or null when it probably can (checked before long work). */
    public static String problemWriting(Path file) {
        Target t;
        try {
            t = target(file);
        } catch (OutputFileException e) {
            String m = e.getMessage();
            String prefix = "Cannot write " + file + ": ";
            String why = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
            return why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
        }
        boolean writable = switch (t.kind()) {
            case SPECIAL -> Files.isWritable(t.real());
            case NEW -> Files.isWritable(t.real().getParent());
            // replacing needs the folder (for the temporary file) and the file itself
            case REGULAR -> Files.isWritable(t.real().getParent()) && Files.isWritable(t.real());
        };
        return writable ? null : "permission denied";
    }

    /** Two paths that end up as the same file (links followed), e.g. an output named twice. */
    public static boolean sameFile(Path a, Path b) {
        try {
            Path ra = target(a).real();
            Path rb = target(b).real();
            if (Files.exists(ra) && Files.exists(rb)) {
                return Files.isSameFile(ra, rb);
            }
            return ra.normalize().equals(rb.normalize());
        } catch (OutputFileException | IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Several files written all or none: each content is rendered and staged before any file is replaced. */
    public static final class Batch {

        private final List<Path> files = new ArrayList<>();
        private final List<Content> contents = new ArrayList<>();

        public Batch add(Path file, Content content) {
            files.add(file);
            contents.add(content);
            return this;
        }

        public void commit() throws OutputFileException {
            List<Target> targets = new ArrayList<>();
            List<Path> temps = new ArrayList<>();
            List<byte[]> direct = new ArrayList<>();
            String none = files.size() > 1 ? " Nothing was written." : "";
            int done = 0;
            Path current = null;
            try {
                // 1. Render everything: regular files into a temporary file beside them, special files in memory.
                for (int i = 0; i < files.size(); i++) {
                    current = files.get(i);
                    Target t = target(current);
                    targets.add(t);
                    if (t.kind() == Kind.SPECIAL) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        contents.get(i).writeTo(bytes);
                        direct.add(bytes.toByteArray());
                        temps.add(null);
                    } else {
                        direct.add(null);
                        temps.add(stage(t, contents.get(i)));
                    }
                }
                // 2. Write: devices and pipes first (they cannot be taken back), then move the files into place.
                for (int i = 0; i < targets.size(); i++) {
                    if (direct.get(i) != null) {
                        current = files.get(i);
                        try (OutputStream out = Files.newOutputStream(targets.get(i).real(), StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND)) {
                            out.write(direct.get(i));
                        }
                        done++;
                    }
                }
                for (int i = 0; i < targets.size(); i++) {
                    if (temps.get(i) != null) {
                        current = files.get(i);
                        moveIntoPlace(temps.get(i), targets.get(i).real());
                        TEMPS.remove(temps.get(i));
                        temps.set(i, null);
                        done++;
                    }
                }
            } catch (OutputFileException e) {
                throw new OutputFileException(e.getMessage() + none, e);
            } catch (AccessDeniedException e) {
                throw failure(current, "permission denied.", done, none, e);
            } catch (NoSuchFileException e) {
                throw failure(current, "no such folder.", done, none, e);
            } catch (IOException | RuntimeException e) {
                throw failure(current, reason(e), done, none, e);
            } catch (OutOfMemoryError e) {
                throw failure(current, "not enough memory to make it (the Java heap is full).", done, none,
                        new IOException(e));
            } finally {
                for (Path tmp : temps) {
                    if (tmp != null) {
                        try {
                            Files.deleteIfExists(tmp);
                        } catch (IOException ignored) {
                            // nothing more can be done; the temporary file is hidden and named after the target
                        }
                        TEMPS.remove(tmp);
                    }
                }
            }
        }

        private OutputFileException failure(Path file, String why, int done, String none, Exception cause) {
            String tail = done == 0 ? none : " " + done + " of " + files.size() + " files were written.";
            return new OutputFileException("Cannot write " + file + ": " + why + tail, cause);
        }
    }

    /** Temporary files being written now: removed if the program is abandoned (a second Ctrl-C) or exits. */
    private static final Set<Path> TEMPS = ConcurrentHashMap.newKeySet();
    private static volatile boolean abandoned;
    private static volatile boolean hooked;

    /**
     * Removes every temporary file being written and makes any write still going on remove its own: the
     * program is ending before its writes (a second Ctrl-C). Files already moved into place stay (they are whole).
     */
    public static void abandon() {
        abandoned = true;
        removeTemps();
    }

    private static void removeTemps() {
        for (Path tmp : TEMPS) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException ignored) {
                // nothing more can be done
            }
        }
    }

    /** Writes may go on again (tests: abandon is otherwise followed by the program's exit). */
    static void resume() {
        abandoned = false;
    }

    /** Temporary files still being written (tests check none is left). */
    static int tempsInProgress() {
        return TEMPS.size();
    }

    private static void hookOnce() {
        if (!hooked) {
            synchronized (AtomicFiles.class) {
                if (!hooked) {
                    hooked = true;
                    try {
                        // A JVM ending mid-write (a signal nobody handles, System.exit) leaves no temporary file.
                        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeTemps, "corelanes-temp-files"));
                    } catch (IllegalStateException shuttingDown) {
                        // too late to register: the write below checks for itself
                    }
                }
            }
        }
    }

    /** Longest file name most file systems allow, in bytes (ext4, XFS, btrfs, APFS; NTFS counts 255 UTF-16 units). */
    static final int MAX_NAME_BYTES = 255;

    /**
     * The temporary file beside {@code target}: hidden and named after it when that name fits, else a short
     * name — a target whose name is 236–255 bytes long (legal) once made the temporary name too long after the
     * run had finished, and every output was lost.
     */
    static Path tempBeside(Path target) {
        String suffix = "." + Long.toHexString(System.nanoTime()) + ".tmp";
        String named = "." + target.getFileName() + suffix;
        String name = named.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_NAME_BYTES ? named
                : ".corelanes" + suffix;
        return target.resolveSibling(name);
    }

    private static Path stage(Target t, Content content) throws IOException {
        hookOnce();
        // Not Files.createTempFile: that makes the file owner-only (0600), and an exported slide or run
        // file should get the same permissions as any other file the user saves (their umask).
        Path tmp = tempBeside(t.real());
        TEMPS.add(tmp);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            if (abandoned) {
                throw new IOException("abandoned (interrupted again)");
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            TEMPS.remove(tmp);
            throw e;
        }
        if (t.kind() == Kind.REGULAR) {
            keepPermissions(t.real(), tmp);
        }
        return tmp;
    }

    /** A replaced file keeps its mode (a shared, group-writable file stays so). */
    private static void keepPermissions(Path from, Path to) {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src == null || dst == null) {
            return;
        }
        try {
            dst.setPermissions(src.readAttributes().permissions());
        } catch (IOException | RuntimeException ignored) {
            // the file is still written; only its mode is the default one
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One line of why, without the path the caller already names. */
    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + ".";
        }
        String m = e.getMessage();
        String line = m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m).strip();
        return line.endsWith(".") ? line : line + ".";
    }
}
