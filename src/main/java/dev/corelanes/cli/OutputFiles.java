package dev.corelanes.cli;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.OutputFileException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command writes, checked together before any work: each must be writable, none may be
 * named twice (the second would silently replace the first), and none may be one of the command's inputs
 * (it would be overwritten). {@code /dev/null} may be named any number of times.
 */
final class OutputFiles {

    private record Named(String flag, Path file) {
    }

    private final List<Named> outputs = new ArrayList<>();

    /** Adds {@code file} for option {@code flag}; a null file (option not given) is skipped. */
    OutputFiles add(String flag, Path file) {
        if (file != null) {
            outputs.add(new Named(flag, file));
        }
        return this;
    }

    /** Throws a one-line {@link UserError} for the first output that cannot or must not be written. */
    void check(List<Path> inputs) {
        for (Named o : outputs) {
            String problem = AtomicFiles.problemWriting(o.file());
            if (problem != null) {
                throw new UserError("cannot write " + o.file() + ": " + problem + ".");
            }
        }
        for (Named o : outputs) {
            if (discards(o.file())) {
                continue;
            }
            for (Path in : inputs) {
                if (AtomicFiles.sameFile(o.file(), in)) {
                    throw new UserError(o.flag() + " " + o.file() + " is also an input: it would be overwritten."
                            + " Choose another file.");
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                Named a = outputs.get(i);
                Named b = outputs.get(j);
                if (!discards(a.file()) && AtomicFiles.sameFile(a.file(), b.file())) {
                    throw new UserError(a.flag() + " and " + b.flag() + " name the same file (" + b.file()
                            + "): give each output its own file.");
                }
            }
        }
    }

    /** One file a command writes: its option, where, what, and the line printed once it is written. */
    record Output(String flag, Path file, AtomicFiles.Content content, String line) {
    }

    /**
     * Writes each output on its own, after a run that cannot be taken back: one that fails is named with its
     * cause in one line on {@code err} and the others are still written (each atomically). Returns how many
     * failed.
     */
    static int writeEach(java.util.List<Output> outputs, PrintWriter out, PrintWriter err) {
        int failed = 0;
        for (Output o : outputs) {
            try {
                AtomicFiles.write(o.file(), o.content());
                out.println(o.line());
            } catch (OutputFileException e) {
                failed++;
                err.println("corelanes: " + o.flag() + " not written: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                failed++;
                err.println("corelanes: " + o.flag() + " not written: Cannot write " + o.file()
                        + ": not enough memory to draw it (the Java heap is full).");
            }
        }
        out.flush();
        err.flush();
        return failed;
    }

    private static boolean discards(Path file) {
        return AtomicFiles.sameFile(file, Path.of("/dev/null"));
    }
}
