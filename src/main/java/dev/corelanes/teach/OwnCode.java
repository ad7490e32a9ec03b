package dev.corelanes.teach;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * "Your own code": the notebook's {@code do_something()} as a file the student edits ({@code my_threads.py}, from
 * {@link CodeSamples#myThreads}), run on the lanes as the last step of lesson {@code own-code} ({@link Lesson#OWN_CODE})
 * or with Run my program. The starter is written once; a file already there is the student's and is never written
 * over.
 */
public final class OwnCode {

    public static final String FILE_NAME = "my_threads.py";
    public static final String TITLE = "Your own code: my_threads.py";
    /** The Lessons menu's item that opens the file outside the lesson (which has {@link #TITLE} as its title). */
    public static final String MENU_ITEM = "my_threads.py outside the lesson: edit, run, see its output…";

    private OwnCode() {
    }

    /** What the step asks of the student. */
    public static String explanation() {
        return "This is do_something() from the notebook, in a file of your own: it runs twice on two threads, then "
                + "twice in two processes. Open it in your editor, change it (the work, the number of workers, threads "
                + "for processes), save, and Run it: every thread of it, and of the processes it starts, appears on "
                + "the lanes. Do the two threads ever run on two CPUs at the same moment? Do the two processes?";
    }

    /** The student's file and whether it was just written. */
    public record Starter(Path file, boolean created) {
    }

    /**
     * The student's {@code my_threads.py} in {@code dir}: written with the starter when there is none, left as it is
     * when there is (their edits are theirs).
     *
     * @throws IOException when the folder cannot be made or written
     */
    public static Starter ensure(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Starter(file, false);
        }
        Files.createDirectories(dir);
        try {
            // CREATE_NEW: a file made between the look and the write is not replaced either.
            Files.writeString(file, CodeSamples.myThreads(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new Starter(file, true);
        } catch (FileAlreadyExistsException e) {
            return new Starter(file, false);
        }
    }

    /** What became of the student's file since the starter was written: what the lesson's step says about it. */
    public enum FileState {
        /** The starter, as it was written. */
        STARTER,
        /** Changed by the student (their edits run). */
        CHANGED,
        /** Not there (deleted or moved): nothing to run. */
        MISSING
    }

    /** The state of {@code file} now: read from the disk, so call it off the FX thread. */
    public static FileState state(Path file) {
        try {
            return Files.readString(file).equals(CodeSamples.myThreads()) ? FileState.STARTER : FileState.CHANGED;
        } catch (java.nio.file.NoSuchFileException e) {
            return FileState.MISSING;
        } catch (IOException | java.io.UncheckedIOException e) {
            // Not readable as text (another encoding, a folder of that name): still the student's, still runs.
            return Files.exists(file) ? FileState.CHANGED : FileState.MISSING;
        }
    }

    /** One line about the file for the step: what will run, or why nothing can. */
    public static String describe(Path file, FileState state) {
        return switch (state) {
            case STARTER -> "Your file, the starter as written for you: " + file;
            case CHANGED -> "Your file, changed since the starter (your edits run): " + file;
            case MISSING -> "Your file is missing: " + file + " is not there any more. Choose the lesson again to "
                    + "get a fresh starter.";
        };
    }
}
