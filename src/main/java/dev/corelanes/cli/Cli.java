package dev.corelanes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line: {@code corelanes info}, {@code corelanes run …}. With no arguments the window opens.
 * Every mistake is one line on stderr and exit code 2 — never a stack trace.
 */
@Command(name = "corelanes", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Processes vs threads, made visible: run real experiments and see where each task ran.",
        subcommands = {InfoCommand.class, RunCommand.class, SweepCommand.class, OverheadCommand.class, MemoryCommand.class,
                ExportCommand.class, LessonCommand.class, WindowCommand.class, TraceCommand.class})
public final class Cli implements Runnable {

    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERRUPTED = 130;

    @Override
    public void run() {
        // Reached only through `corelanes` with options but no subcommand (e.g. a typo'd flag is caught
        // earlier); point to the help.
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing command: use info, run, or --help.");
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args) {
        // Images are drawn by Java2D: no display is needed or wanted on the command line.
        System.setProperty("java.awt.headless", "true");
        java.nio.charset.Charset cs = Terminal.stdoutCharset();
        // In the locale's character set, with plain stand-ins for "×", "—", "…" where it has none (LANG=C).
        PrintWriter err = new PrintWriter(Terminal.plain(new java.io.OutputStreamWriter(System.err, cs), cs), true);
        PrintWriter out = new PrintWriter(Terminal.plain(new java.io.OutputStreamWriter(System.out, cs), cs), true);
        int code = run(args, out, err, true);
        out.flush();
        // A PrintWriter swallows write errors (a full disk, /dev/full, a closed pipe): ask it, or a lost
        // summary would still exit 0.
        return stdoutFailed(out.checkError() || System.out.checkError(), code, err, true);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /** {@code stdout}: {@code out} is this process's standard output (a closed pipe there is no error). */
    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean stdout) {
        CommandLine cl = new CommandLine(new Cli());
        cl.registerConverter(java.nio.file.Path.class, Cli::path);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("corelanes: " + ex.getMessage());
            CommandLine sub = ex.getCommandLine();
            err.println("Try '" + sub.getCommandSpec().qualifiedName() + " --help' for the options.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError u) {
                err.println("corelanes: " + u.getMessage());
                return u.exitCode();
            }
            err.println("corelanes: unexpected error: " + ex);
            return RUN_FAILED;
        });
        int code = cl.execute(args);
        return stdoutFailed(out.checkError(), code, err, stdout);
    }

    /** A command whose output could not be written has failed, whatever it did otherwise. */
    private static int stdoutFailed(boolean failed, int code, PrintWriter err, boolean stdout) {
        if (!failed || code != OK) {
            return code;
        }
        if (stdout && Terminal.isPipe(1)) {
            // The reader closed the pipe (corelanes … | head): it had what it wanted. Quiet, as a program
            // ended by SIGPIPE is, with its exit status.
            return 141;
        }
        err.println("corelanes: could not write to standard output (disk full or output closed); the output is incomplete.");
        return RUN_FAILED;
    }

    /**
     * A file name from the command line. One this system cannot name — under LANG=C a name with "é" cannot be
     * encoded — is one plain line, not "cannot convert … (java.nio.file.InvalidPathException …)".
     */
    static java.nio.file.Path path(String s) {
        try {
            return java.nio.file.Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            String lang = System.getProperty("sun.jnu.encoding", "");
            throw new CommandLine.TypeConversionException("'" + s + "' is not a file name this system can use"
                    + (e.getReason() != null && e.getReason().contains("Malformed input") || !lang.isEmpty()
                    && !java.nio.charset.Charset.forName(lang).newEncoder().canEncode(s)
                    ? " (its characters cannot be written in the locale's character set, " + lang
                    + "; set LANG to a UTF-8 locale)" : " (" + e.getReason() + ")"));
        }
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[]{"CoreLanes " + (v == null ? "dev" : v)};
        }
    }
}
