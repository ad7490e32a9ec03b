package dev.corelanes.engine.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The program a user asks to run on the lanes, as a command and the folder it runs in: a Python file (run by the
 * interpreter given), a jar (run by the java given), or a command line typed as in a shell — split on spaces,
 * with '…' and "…" quoting and \ escapes as a POSIX shell does, but never run by a shell (write
 * {@code sh -c '…'} for pipes, globs or variables).
 *
 * @param command   the program and its arguments
 * @param directory where it runs: the file's folder for a file, else the folder given
 */
public record ProgramCommand(List<String> command, Path directory) {

    public ProgramCommand {
        command = List.copyOf(command);
    }

    /** The command as one line, quoted where needed (shown, and remembered for next time). */
    public String line() {
        List<String> out = new ArrayList<>();
        for (String a : command) {
            out.add(quote(a));
        }
        return String.join(" ", out);
    }

    /** True for a file {@link #forFile} can run ({@code .py} or {@code .jar}). */
    public static boolean runnableFile(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".py") || n.endsWith(".jar");
    }

    /**
     * A {@code .py} file run by {@code python}, a {@code .jar} run by {@code java}, in the file's folder.
     *
     * @throws TraceException with a one-line reason when the file is not there or not one of these
     */
    public static ProgramCommand forFile(Path file, String python, String java) throws TraceException {
        Path f = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new TraceException("No file " + f + " to run (it was moved or deleted).");
        }
        if (!Files.isReadable(f)) {
            throw new TraceException("Cannot read " + f + ": permission denied.");
        }
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        Path dir = f.getParent();
        if (n.endsWith(".py")) {
            // -u: its prints arrive as they happen, not when a buffer fills at its end
            return new ProgramCommand(List.of(python, "-u", f.toString()), dir);
        }
        if (n.endsWith(".jar")) {
            return new ProgramCommand(List.of(java, "-jar", f.toString()), dir);
        }
        throw new TraceException("CoreLanes runs .py and .jar files; for " + f.getFileName()
                + " type the command that runs it.");
    }

    /**
     * What the user typed or chose: a line that is just a {@code .py} or {@code .jar} file (quoted or not) runs that
     * file ({@link #forFile}, the interpreter asked of {@code python} only then), any other line is a command
     * ({@link #parse}).
     */
    public static ProgramCommand fromLine(String line, java.util.function.Supplier<String> python, String java,
                                          Path home) throws TraceException {
        List<String> words = split(line);
        if (words.size() == 1) {
            Path f;
            try {
                f = home.resolve(words.get(0));
            } catch (RuntimeException e) {
                f = null;
            }
            if (f != null && runnableFile(f)) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(f)) {
                    throw new TraceException("No file " + f.toAbsolutePath().normalize() + " to run.");
                }
                return forFile(f, n.endsWith(".py") ? python.get() : "", java);
            }
        }
        return parse(line, home);
    }

    /** The java of this JVM (the one running CoreLanes, or the runtime bundled with it). */
    public static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A command line typed by the user, run in the folder of the first argument that names an existing file
     * (relative to {@code home}), else in {@code home}.
     *
     * @throws TraceException with a one-line reason when it is empty or its quotes are not closed
     */
    public static ProgramCommand parse(String line, Path home) throws TraceException {
        List<String> args = split(line);
        if (args.isEmpty()) {
            throw new TraceException("Type a command to run, e.g. python3 my_threads.py");
        }
        Path dir = home;
        for (String a : args.subList(1, args.size())) {
            try {
                Path p = home.resolve(a);
                if (!a.startsWith("-") && Files.isRegularFile(p) && p.toAbsolutePath().getParent() != null) {
                    dir = p.toAbsolutePath().normalize().getParent();
                    break;
                }
            } catch (RuntimeException e) {
                // not a path
            }
        }
        return new ProgramCommand(args, dir);
    }

    /** Splits as a POSIX shell does for words: blanks separate, '…' keeps all, "…" keeps all but \" \\ \$ \`. */
    public static List<String> split(String line) throws TraceException {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new TraceException("The command has an unclosed " + (quote == '"' ? "\"" : "'") + " quote.");
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    private static String quote(String a) {
        if (!a.isEmpty() && a.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
    }
}
