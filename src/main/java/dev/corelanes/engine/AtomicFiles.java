package dev.corelanes.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file all or nothing: into a temporary file beside it, then moved into place. A full disk or a
 * crash mid-write leaves the old file (or none), never half of the new one.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path file, Content content) throws RunFileException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new RunFileException("Cannot write " + file + ": folder " + dir + " does not exist.");
        }
        if (Files.isDirectory(target)) {
            throw new RunFileException("Cannot write " + file + ": it is a folder.");
        }
        Path tmp = null;
        try {
            // Not Files.createTempFile: that makes the file owner-only (0600), and an exported slide or run
            // file should get the same permissions as any other file the user saves (their umask).
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (AccessDeniedException e) {
            throw new RunFileException("Cannot write " + file + ": permission denied.");
        } catch (NoSuchFileException e) {
            throw new RunFileException("Cannot write " + file + ": no such folder.");
        } catch (IOException e) {
            throw new RunFileException("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more can be done; the temporary file is hidden and named after the target
                }
            }
        }
    }

    /** True when a file could be created at {@code file} (its folder exists and is writable). */
    public static String problemWriting(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "folder " + dir + " does not exist";
        }
        if (Files.isDirectory(target)) {
            return "it is a folder";
        }
        if (!Files.isWritable(dir) || (Files.exists(target) && !Files.isWritable(target))) {
            return "permission denied";
        }
        return null;
    }
}
