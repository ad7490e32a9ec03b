package dev.corelanes.engine.files;

import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a write does to each kind of thing a user's path can be. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static AtomicFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isCharacterDeviceOrFifo(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    @Test
    void aSymlinkIsFollowedItsTargetWrittenAndTheLinkKept() throws Exception {
        Needs.symbolicLinks(dir);
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        AtomicFiles.write(link, text("new"));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws Exception {
        Needs.symbolicLinks(dir);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), sub.resolve("made.json"));
        AtomicFiles.write(link, text("made"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("made", Files.readString(sub.resolve("made.json")));
    }

    @Test
    void aSymlinkLoopIsRefusedInOneLine() throws Exception {
        Needs.symbolicLinks(dir);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(a, text("x")));
        assertTrue(e.getMessage().contains("symbolic links"), e.getMessage());
        assertTrue(Files.isSymbolicLink(a) && Files.isSymbolicLink(b));
    }

    @Test
    void aCharacterDeviceIsWrittenDirectlyNotReplaced() throws Exception {
        // A link to /dev/null: the old code replaced the link (harmless here); it must write /dev/null.
        Path devNull = Path.of("/dev/null");
        Needs.device("/dev/null");
        Needs.symbolicLinks(dir);
        Path link = Files.createSymbolicLink(dir.resolve("null.json"), devNull);
        assertNull(AtomicFiles.problemWriting(link));
        assertNull(AtomicFiles.problemWriting(devNull), "no false 'permission denied' for /dev/null");
        AtomicFiles.write(link, text("discarded"));
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertTrue(isCharacterDeviceOrFifo(devNull), "/dev/null is still a device");
        assertEquals(0, Files.size(devNull));
    }

    @Test
    void aFullDeviceFailsInOneLine() throws Exception {
        Path devFull = Path.of("/dev/full");
        Needs.device("/dev/full"); // Linux only
        Needs.symbolicLinks(dir);
        Path link = Files.createSymbolicLink(dir.resolve("full.json"), devFull);
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(link, text("x")));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space left"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aFifoIsWrittenDirectly() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        Needs.fifo(fifo);
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                read.complete(in.readAllBytes());
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        }, "fifo-reader");
        reader.setDaemon(true); // if the FIFO were replaced, nobody would ever open it for writing
        reader.start();
        AtomicFiles.write(fifo, text("through the pipe"));
        assertTrue(isCharacterDeviceOrFifo(fifo), "still a FIFO, not replaced by a regular file");
        assertArrayEquals("through the pipe".getBytes(StandardCharsets.UTF_8), read.get());
    }

    @Test
    void aFolderIsRefused() {
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(dir, text("x")));
        assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
        assertEquals("it is a folder", AtomicFiles.problemWriting(dir));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws Exception {
        Path f = Files.writeString(dir.resolve("shared.json"), "old");
        assumeTrue(Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class) != null,
                "needs POSIX file permissions (not on Windows)");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write(f, text("new"));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aBatchWritesAllOrNone() throws Exception {
        Path first = Files.writeString(dir.resolve("first.json"), "old first");
        Path second = dir.resolve("second.png");
        OutputFileException e = assertThrows(OutputFileException.class, () -> new AtomicFiles.Batch()
                .add(first, text("new first"))
                .add(second, out -> {
                    throw new IOException("the image could not be encoded");
                })
                .commit());
        assertTrue(e.getMessage().contains("second.png") && e.getMessage().contains("Nothing was written"),
                e.getMessage());
        assertEquals("old first", Files.readString(first), "the first file is untouched");
        assertFalse(Files.exists(second));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aBatchWhoseDeviceFailsReplacesNoFile() throws Exception {
        Path devFull = Path.of("/dev/full");
        Needs.device("/dev/full"); // Linux only
        Needs.symbolicLinks(dir);
        Path file = dir.resolve("trace.json");
        Path full = Files.createSymbolicLink(dir.resolve("full.svg"), devFull);
        OutputFileException e = assertThrows(OutputFileException.class, () -> new AtomicFiles.Batch()
                .add(file, text("trace")).add(full, text("<svg/>")).commit());
        assertTrue(e.getMessage().contains("full.svg"), e.getMessage());
        assertFalse(Files.exists(file), "the file was not written");
    }

    @Test
    void sameFileSeesThroughLinksAndRelativePaths() throws Exception {
        Needs.symbolicLinks(dir);
        Path a = Files.writeString(dir.resolve("a.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("l.json"), a);
        assertTrue(AtomicFiles.sameFile(a, link));
        assertTrue(AtomicFiles.sameFile(dir.resolve("new.json"), dir.resolve("sub/../new.json")));
        assertFalse(AtomicFiles.sameFile(a, dir.resolve("b.json")));
    }

    @Test
    void aLegalNameOf250BytesGetsATemporaryNameThatFitsAndIsWritten() throws Exception {
        Path target = dir.resolve("r".repeat(245) + ".json"); // 250 bytes: legal, but "." + it + ".<time>.tmp" is not
        assertTrue(AtomicFiles.tempBeside(target).getFileName().toString().getBytes(StandardCharsets.UTF_8).length
                <= AtomicFiles.MAX_NAME_BYTES);
        AtomicFiles.write(target, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{}", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        // A short name keeps the temporary file named after it (hidden, beside it).
        assertTrue(AtomicFiles.tempBeside(dir.resolve("run.json")).getFileName().toString().startsWith(".run.json."));
        // Multi-byte names count in bytes: 120 × 'é' is 240 bytes.
        assertTrue(AtomicFiles.tempBeside(dir.resolve("é".repeat(120))).getFileName().toString()
                .getBytes(StandardCharsets.UTF_8).length <= AtomicFiles.MAX_NAME_BYTES);
    }

    /** A second Ctrl-C abandons a write in progress: its temporary file is removed, the target left as it was. */
    @Test
    void abandoningRemovesTheTemporaryFileOfAWriteInProgress() throws Exception {
        Path target = dir.resolve("big.json");
        Files.writeString(target, "old");
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch abandoned = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Throwable> write = CompletableFuture.supplyAsync(() -> {
            try {
                AtomicFiles.write(target, out -> {
                    out.write("partial".getBytes(StandardCharsets.UTF_8));
                    writing.countDown();
                    try {
                        abandoned.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    out.write(" rest".getBytes(StandardCharsets.UTF_8));
                });
                return null;
            } catch (OutputFileException e) {
                return e;
            }
        });
        try {
            assertTrue(writing.await(30, java.util.concurrent.TimeUnit.SECONDS));
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count(), "the target and its temporary file");
            }
            AtomicFiles.abandon();
            abandoned.countDown();
            Throwable failure = write.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(failure instanceof OutputFileException && failure.getMessage().contains("abandoned"),
                    String.valueOf(failure));
            assertEquals("old", Files.readString(target));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no temporary file left");
            }
            assertEquals(0, AtomicFiles.tempsInProgress());
        } finally {
            AtomicFiles.resume();
        }
    }
}
