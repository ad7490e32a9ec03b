package dev.corelanes.engine.files;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The files of a start-up cache (a JDK AOT cache or CDS archive that JVMs map at start), under the one rule
 * Windows forces on them: <b>a file a running JVM maps can be neither deleted nor replaced</b> (Microsoft's
 * DeleteFile documentation: it fails for a file that other handles have open for normal I/O or as a
 * memory-mapped file; and a rename cannot replace such a file either). Linux and macOS allow both, so only
 * Windows would show a mistake here, and no Windows machine is at hand: the rule is kept on every OS, and tested
 * with a deleter that fails as Windows does.
 *
 * <ul>
 *   <li><b>Never replaced:</b> each complete build is published under a name of its own, a generation
 *       ({@code base.g<millis>-<pid>.aot}), never over an existing file. Readers take the newest valid one.</li>
 *   <li><b>Trusted only with its checksum:</b> a generation is valid when its {@code .sum} file (size and
 *       CRC-32C) matches. The checksum is written first and the data renamed in after it, so a reader never sees
 *       a complete-looking generation without one, and a builder killed half-way leaves at most a small orphan
 *       {@code .sum}.</li>
 *   <li><b>Removed later, when it can be:</b> {@link #sweep} deletes what is no longer needed — generations older
 *       than the one in use, other builds' files, files left by builders that are gone — and tolerates every
 *       failure silently: a file still mapped (Windows) stays until a later start. A file that must not be used
 *       again ({@link #discard}) loses its checksum first, which nobody maps, so it is never trusted again even
 *       when the data itself cannot be deleted yet.</li>
 *   <li><b>Files being written</b> carry their writer's pid ({@code base.tmp-<pid>.ext}) and are left alone while
 *       that process lives.</li>
 * </ul>
 */
public final class CacheFiles {

    /** Deletes one file, or throws as the OS refuses: injectable, so Windows' refusals can be tested anywhere. */
    @FunctionalInterface
    public interface Deleter {
        void delete(Path file) throws IOException;
    }

    /**
     * The real deleter. HotSpot of JDK 17 creates its archives with mode 0444 (JDK 25: 0644; both seen here, JDK 21
     * not tried), which on Windows is the read-only attribute, and DeleteFile refuses a read-only file ("To delete
     * a read-only file, first you must remove the read-only attribute"): the attribute is cleared and the delete
     * tried once more.
     */
    public static final Deleter SYSTEM = CacheFiles::deleteFile;

    /** One published build: its data file, its checksum file, and when and by which process it was made. */
    public record Generation(Path data, Path sum, long millis, long pid) {
        static final Comparator<Generation> AGE = Comparator.comparingLong(Generation::millis)
                .thenComparingLong(Generation::pid);

        boolean olderThan(Generation other) {
            return AGE.compare(this, other) < 0;
        }
    }

    private static final Pattern GENERATION = Pattern.compile("\\.g(\\d+)-(\\d+)(\\.[A-Za-z0-9]+)$");
    private static final Pattern TEMP = Pattern.compile("\\.tmp-(\\d+)");
    private static final String SUM = ".sum";

    /** Cache files already checked by this JVM, with the size and time they had then. */
    private static final Map<Path, String> VALIDATED = new ConcurrentHashMap<>();

    private CacheFiles() {
    }

    /** Tests: forget what this JVM checked, as a fresh JVM would. */
    static void forgetChecks() {
        VALIDATED.clear();
    }

    /** The name a build of this process writes to ({@code base.tmp-<pid>ext}): a killed builder leaves nothing final. */
    public static Path temp(Path dir, String base, String ext) {
        return dir.resolve(base + ".tmp-" + ProcessHandle.current().pid() + ext);
    }

    /** The newest valid generation of {@code base} with extension {@code ext} (".aot", ".jsa") in {@code dir}, or null. */
    public static Generation newest(Path dir, String base, String ext) {
        List<Generation> all = generations(dir, base, ext);
        all.sort(Generation.AGE.reversed());
        for (Generation g : all) {
            if (valid(g.data(), g.sum())) {
                return g;
            }
        }
        return null;
    }

    /** Every generation of {@code base} with extension {@code ext} in {@code dir}, valid or not, in no order. */
    static List<Generation> generations(Path dir, String base, String ext) {
        List<Generation> out = new ArrayList<>();
        if (dir == null) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob(base) + ".g*" + ext)) {
            for (Path p : files) {
                Generation g = parse(p, base);
                if (g != null && p.getFileName().toString().endsWith(ext)) {
                    out.add(g);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no folder, or unreadable: no generations
        }
        return out;
    }

    /** The generation {@code file} (data or checksum) belongs to, when it is one of {@code base}'s; else null. */
    public static Generation parse(Path file, String base) {
        String name = file.getFileName().toString();
        if (!name.startsWith(base + ".g")) {
            return null;
        }
        Matcher m = GENERATION.matcher(name.substring(base.length()));
        if (!m.matches()) {
            return null;
        }
        String stem = name.substring(0, name.length() - m.group(3).length());
        try {
            return new Generation(file.resolveSibling(name), file.resolveSibling(stem + SUM),
                    Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String glob(String base) {
        return base.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /**
     * Publishes a complete build ({@code built}, a file of this process's) as a new generation: its checksum file
     * first, then the data renamed in beside it, both under names nobody has used, so no file in use is ever
     * replaced. Returns the generation; throws when it could not be published (the build is then left for the
     * caller to remove).
     */
    public static Generation publish(Path built, Path dir, String base, String ext) throws IOException {
        // The data's time goes with its checksum (see valid): a rename below keeps it.
        String line = checksumLine(built) + " " + Files.getLastModifiedTime(built).toMillis();
        long pid = ProcessHandle.current().pid();
        long millis = System.currentTimeMillis();
        for (int attempt = 0; attempt < 100; attempt++, millis++) {
            String stem = base + ".g" + millis + "-" + pid;
            Path data = dir.resolve(stem + ext);
            Path sum = dir.resolve(stem + SUM);
            if (Files.exists(data) || Files.exists(sum)) {
                continue; // this name was used (a clock step back): take the next, never this one
            }
            Path sumTemp = dir.resolve(stem + ".tmp-" + pid + SUM);
            Files.writeString(sumTemp, line + "\n", StandardCharsets.US_ASCII);
            try {
                // Names with this process's pid, checked free just now: nothing of anyone else's is replaced.
                Files.move(sumTemp, sum, StandardCopyOption.ATOMIC_MOVE);
                Files.move(built, data, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                deleteQuietly(sumTemp, SYSTEM);
                continue;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(sumTemp, SYSTEM);
                deleteQuietly(sum, SYSTEM);
                throw e;
            }
            return new Generation(data, sum, millis, pid);
        }
        throw new IOException("no free name for a new start-up cache in " + dir);
    }

    /**
     * Valid when the checksum file matches the data's size and CRC-32C. A cache damaged in place, cut short, left
     * by a killed builder, or discarded is not used.
     *
     * <p>The checksum file also keeps the data's modification time as it was published ("size crc32c mtime"):
     * while size and time are still those, the data is the file that was checked, and it is not read again. Every
     * {@code java -jar} launch starts a fresh JVM that asks this before its window starts, and reading and
     * checksumming a 40 MB cache cost that launch 17–57 ms here. Anything that writes the file changes its time and
     * brings the full check back; a cache damaged without its time changing (a disk fault) would crash its JVM,
     * and a crash drops the cache (AppArchive, StartupCache).
     */
    public static boolean valid(Path data, Path sum) {
        try {
            if (!Files.isRegularFile(data) || !Files.isRegularFile(sum) || Files.size(data) == 0) {
                return false;
            }
            long size = Files.size(data);
            long millis = Files.getLastModifiedTime(data).toMillis();
            String stamp = size + ":" + millis;
            if (stamp.equals(VALIDATED.get(data)) && Files.isRegularFile(sum)) {
                return true;
            }
            String[] expected = Files.readString(sum, StandardCharsets.US_ASCII).strip().split(" ");
            if (expected.length == 3 && expected[0].equals(Long.toString(size)) && expected[2].equals(Long.toString(millis))) {
                VALIDATED.put(data, stamp); // the file that was checksummed when it was published, untouched since
                return true;
            }
            if (expected.length < 2 || !(expected[0] + " " + expected[1]).equals(checksumLine(data))) {
                return false;
            }
            VALIDATED.put(data, stamp);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** "size crc32c" of a file. CRC-32C is hardware-assisted: a 16 MB cache is checked in a few ms. */
    static String checksumLine(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                size += buf.remaining();
                crc.update(buf);
                buf.clear();
            }
        }
        return size + " " + Long.toHexString(crc.getValue());
    }

    /**
     * Makes a cache untrusted for good (a JVM crashed with it): its checksum goes first — nobody maps that — then
     * the data, if it can go now. On Windows a JVM still mapping it keeps the data until a later {@link #sweep}.
     */
    public static void discard(Path data, Path sum, Deleter deleter) {
        VALIDATED.remove(data);
        deleteQuietly(sum, deleter);
        deleteQuietly(data, deleter);
    }

    /**
     * Removes what is no longer needed among the files in {@code dir} whose names start with {@code prefix}, keeping
     * {@code keep} (the generation in use, or null) and everything that may still be needed:
     * <ul>
     *   <li>a file being written ({@code .tmp-<pid>}) goes once its writer is gone;</li>
     *   <li>a generation of {@code base} goes when it is older than {@code keep} (newer ones may be being
     *       published); with no {@code keep}, only an invalid one goes (under the build lock nobody publishes);</li>
     *   <li>files of other bases (another build, another JDK) go;</li>
     *   <li>{@code base}'s own files that are no generation and no temporary file (notes such as
     *       {@code .pipeline}) stay.</li>
     * </ul>
     * Every failure is tolerated: a file a JVM maps on Windows cannot be deleted and stays for a later start.
     * {@code alive} tells whether a pid still runs. Returns the files deleted.
     */
    public static List<Path> sweep(Path dir, String prefix, String base, Generation keep, boolean underLock,
                                   Deleter deleter, LongPredicate alive) {
        List<Path> deleted = new ArrayList<>();
        if (dir == null) {
            return deleted;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
            files.forEach(candidates::add);
        } catch (IOException | RuntimeException e) {
            return deleted; // housekeeping only
        }
        for (Path p : candidates) {
            if (keep != null && (p.equals(keep.data()) || p.equals(keep.sum()))) {
                continue;
            }
            if (stale(p, base, keep, underLock, alive) && deleteQuietly(p, deleter)) {
                deleted.add(p);
            }
        }
        return deleted;
    }

    /** The same, with the real deleter and the real process table. */
    public static List<Path> sweep(Path dir, String prefix, String base, Generation keep, boolean underLock) {
        return sweep(dir, prefix, base, keep, underLock, SYSTEM, CacheFiles::alive);
    }

    private static boolean stale(Path p, String base, Generation keep, boolean underLock, LongPredicate alive) {
        String name = p.getFileName().toString();
        Matcher temp = TEMP.matcher(name);
        if (temp.find()) {
            try {
                return !alive.test(Long.parseLong(temp.group(1)));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (!name.startsWith(base + ".")) {
            return true; // another build's or JDK's
        }
        Generation g = parse(p, base);
        if (g == null) {
            // A cache of an older CoreLanes, named without a generation, goes; notes (.pipeline, .untrained) stay.
            return name.endsWith(".aot") || name.endsWith(".jsa") || name.endsWith(SUM);
        }
        if (keep != null) {
            return g.olderThan(keep);
        }
        if (!underLock) {
            return false; // it may be being published right now
        }
        Path data = name.endsWith(SUM) ? null : g.data();
        if (data == null) { // a checksum: stale when no data of any extension belongs to it
            return !hasData(g);
        }
        return !valid(data, g.sum());
    }

    private static boolean hasData(Generation g) {
        String stem = g.sum().getFileName().toString();
        stem = stem.substring(0, stem.length() - SUM.length());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(g.sum().getParent(), glob(stem) + ".*")) {
            for (Path p : files) {
                if (!p.equals(g.sum()) && !p.getFileName().toString().contains(".tmp-")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: keep it
        }
        return false;
    }

    static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes {@code p} if it exists; false (and nothing else) when the OS refuses. */
    public static boolean deleteQuietly(Path p, Deleter deleter) {
        try {
            deleter.delete(p);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // mapped by a running JVM (Windows), or gone: a later sweep tries again
        }
    }

    private static void deleteFile(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (AccessDeniedException refused) {
            try {
                DosFileAttributeView dos = Files.getFileAttributeView(p, DosFileAttributeView.class);
                if (dos == null || !dos.readAttributes().isReadOnly()) {
                    throw refused;
                }
                dos.setReadOnly(false);
            } catch (IOException | UnsupportedOperationException e) {
                throw refused;
            }
            Files.deleteIfExists(p); // still refused while a JVM maps it
        }
    }

    /**
     * The worker cache the installed app ships beside its jar (made while the package is built, by
     * launch.ShippedCache; used by engine.process's ShippedWorkerCache): named here, where both can see it.
     */
    public static final String SHIPPED_WORKER_CACHE = "corelanes-worker.aot";

    /** The one build lock of a cache folder: the workers' cache and the window's are built one at a time. */
    private static final String LOCK = "corelanes-build.lock";

    /**
     * Takes the folder's build lock, or returns null when another builder holds it (another process, or
     * this one). Closing the channel releases it; so does the end of the process, however it ends.
     */
    public static FileChannel lockForBuild(Path dir) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return ch;
            }
        } catch (IOException | RuntimeException e) {
            // OverlappingFileLockException: this JVM already builds; others: no lock, no build
        }
        closeQuietly(ch);
        return null;
    }

    /**
     * A short hash of the runtime and of what decides which classes a JVM loads: its options and class path,
     * with each file's size and time, so that a rebuilt jar gets another name.
     *
     * <p>Only a name, compared with the few other caches in one folder, never a defence against anyone: a 64-bit
     * hash ({@link #hash64}) makes two different installations' names collide practically never. Not SHA-256: the
     * first {@code MessageDigest} loads and initialises the security providers, ~8 ms of every {@code java -jar}
     * launch before the window's JVM could be started.
     */
    public static String fingerprint(List<String> identity) {
        StringBuilder b = new StringBuilder(System.getProperty("java.vm.version", "")).append('\n');
        for (String part : identity) {
            b.append(part).append('\n');
            for (String entry : part.split(File.pathSeparator)) {
                File f = new File(entry);
                if (!entry.isEmpty() && f.isFile()) {
                    b.append(f.length()).append(' ').append(f.lastModified()).append('\n');
                }
            }
        }
        return HexFormat.of().toHexDigits(hash64(b));
    }

    /**
     * FNV-1a over every UTF-16 unit of {@code text} (both bytes), then MurmurHash3's finalizer so that every bit of
     * the name depends on every character.
     */
    static long hash64(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        h ^= text.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
