package dev.corelanes.engine.python;

import dev.corelanes.engine.child.ChildProcess;
import dev.corelanes.engine.child.ChildReadException;
import dev.corelanes.engine.child.ChildStartException;
import dev.corelanes.engine.child.TaskDeadlines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks an interpreter about itself by running a few lines of Python in it: its version, build, GIL, the
 * multiprocessing start methods of this OS, and whether it can read the current CPU. The lines run on
 * any Python (even 2.7), so an old one is named and refused instead of crashing.
 */
public final class InterpreterProbe {

    /** Printed first, so output of something that is not Python is recognised as such. */
    static final String MARK = "corelanes-probe 1";
    static final long TIMEOUT_MILLIS = 10_000;
    private static final int MAX_OUTPUT = 16 * 1024;

    static final String SCRIPT = String.join("\n",
            "import sys",
            "print('" + MARK + "')",
            "print('version=%d.%d.%d' % tuple(sys.version_info[:3]))",
            "impl = getattr(sys, 'implementation', None)",
            "print('implementation=%s' % (impl.name if impl else 'unknown'))",
            "print('executable=%s' % sys.executable)",
            "g = getattr(sys, '_is_gil_enabled', None)",
            "print('gil=%s' % ('enabled' if g is None or g() else 'disabled'))",
            "try:",
            "    import sysconfig",
            "    print('freethreaded=%d' % (1 if sysconfig.get_config_var('Py_GIL_DISABLED') else 0))",
            "except Exception:",
            "    print('freethreaded=0')",
            "try:",
            "    import multiprocessing as mp",
            "    print('startmethods=%s' % ','.join(mp.get_all_start_methods()))",
            "    print('defaultstart=%s' % mp.get_start_method())",
            "except Exception:",
            "    print('startmethods=')",
            "core = ''",
            "why = 'the call failed'",
            "try:",
            "    import ctypes",
            "    if sys.platform.startswith('linux'):",
            "        f = ctypes.CDLL(None).sched_getcpu",
            "        core = 'sched_getcpu' if f() >= 0 else ''",
            "    elif sys.platform == 'win32':",
            "        ctypes.windll.kernel32.GetCurrentProcessorNumber()",
            "        core = 'GetCurrentProcessorNumber'",
            "    elif sys.platform == 'darwin':",
            "        c = ctypes.c_size_t()",
            "        if ctypes.CDLL('/usr/lib/libSystem.B.dylib').pthread_cpu_number_np(ctypes.byref(c)) == 0:",
            "            core = 'pthread_cpu_number_np'",
            "    else:",
            "        why = 'no call for the current CPU on %s' % sys.platform",
            "except Exception as e:",
            "    why = ('ctypes: %s' % e).replace('\\n', ' ')[:200]",
            "print('core=%s' % core)",
            "if not core:",
            "    print('corewhy=%s' % why)",
            "");

    private InterpreterProbe() {
    }

    /** Starts {@code path} and asks it; any problem is a {@link PythonUnavailable} that says what. */
    public static PythonInterpreter probe(String path) {
        return probe(path, TIMEOUT_MILLIS);
    }

    static PythonInterpreter probe(String path, long timeoutMillis) {
        if (path == null || path.isBlank()) {
            throw new PythonUnavailable("No Python interpreter given.");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            throw new PythonUnavailable("No Python at " + path + ": not a path this system can name.");
        }
        if (p.isAbsolute() || path.contains("/") || path.contains("\\")) {
            // Not Files.exists(p) alone: it follows the entry, and a Microsoft Store app-execution alias cannot be
            // followed (a reparse point Windows launches but the JDK cannot read through). An entry that is there
            // is started, and what it answers decides.
            if (!Files.exists(p) && !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new PythonUnavailable("No Python at " + path + ": no such file.");
            }
            if (Files.isDirectory(p)) {
                throw new PythonUnavailable(path + " is a folder, not a Python interpreter.");
            }
        }
        Answer a = ask(path, PythonBackend.FLAGS, timeoutMillis);
        if (a.output().contains("Unknown option: -I") || a.output().contains("Unknown option: -B")) {
            // Python 2 and 3.0-3.3 have no -I: ask again the old way, so that it is named and refused as too old.
            a = ask(path, List.of("-E", "-s"), timeoutMillis);
        }
        return parse(path, a.output(), a.exit());
    }

    private record Answer(String output, int exit) {
    }

    /**
     * Runs the probe's lines in {@code path} with {@code flags}, in a session of its own (a wrapper script's
     * interpreter is killed with the wrapper), reading at most {@value #MAX_OUTPUT} bytes of what it says for at
     * most {@code timeoutMillis} of running time, then killing everything it started.
     */
    private static Answer ask(String path, List<String> flags, long timeoutMillis) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path);
        cmd.addAll(flags);
        cmd.add("-c");
        cmd.add(SCRIPT);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The Python install manager's python.exe may download a runtime when none is installed; a probe must
        // never install anything (the manager's documented switch; other programs ignore it).
        pb.environment().put("PYTHON_MANAGER_AUTOMATIC_INSTALL", "false");
        try {
            ChildProcess.Finished f = ChildProcess.runToEnd("probe", pb, MAX_OUTPUT, timeoutMillis,
                    ChildProcess.Option.MERGE_STDERR, ChildProcess.Option.OWN_SESSION);
            return new Answer(f.output(), f.exitCode());
        } catch (ChildStartException e) {
            throw new PythonUnavailable(e.refused() ? e.getMessage() : e.getMessage().replace("Cannot start "
                    + cmd.get(0) + ":", "Cannot start " + path + ":"));
        } catch (ChildReadException e) {
            throw new PythonUnavailable(path + " did not answer within " + TaskDeadlines.seconds(timeoutMillis) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PythonUnavailable("Interrupted while asking " + path + ".");
        }
    }

    /** Reads the probe's output (exit code {@code exit}); pure, so every kind of answer is testable. */
    static PythonInterpreter parse(String path, String output, int exit) {
        List<String> lines = output.lines().map(String::strip).toList();
        int mark = lines.indexOf(MARK);
        if (mark < 0) {
            String said = PythonErrors.cause(lines); // the cause, not a fatal error's trailer
            if (output.contains("Manage App Execution Aliases") || output.contains("Microsoft Store")) {
                // The Store's placeholder python.exe, present until Python is installed: with arguments it says
                // "Python was not found; run without arguments to install from the Microsoft Store, or disable
                // this shortcut from Settings > Manage App Execution Aliases." (exit code 9009)
                throw new PythonUnavailable(path + " is the Microsoft Store's placeholder, not Python: install Python"
                        + " (from the Store or python.org), or give the path of one that is installed.");
            }
            for (String l : lines) {
                if (l.contains("command not found") || l.contains("is not installed")) {
                    // pyenv's shims answer this way for a version that is installed but not selected
                    throw new PythonUnavailable(path + " is not usable here: " + oneLine(l));
                }
            }
            throw new PythonUnavailable(path + " is not a Python interpreter CoreLanes can use (exit code " + exit
                    + (said.isEmpty() ? "" : ", it said: " + oneLine(said)) + ").");
        }
        Map<String, String> kv = new HashMap<>();
        for (String l : lines.subList(mark + 1, lines.size())) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        String version = kv.getOrDefault("version", "");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new PythonUnavailable(path + " did not say which Python version it is.");
        }
        List<String> methods = kv.getOrDefault("startmethods", "").isBlank() ? List.of()
                : Arrays.stream(kv.get("startmethods").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        PythonInterpreter found = new PythonInterpreter(path, kv.getOrDefault("executable", path), version,
                kv.getOrDefault("implementation", "unknown"), !"disabled".equals(kv.get("gil")),
                "1".equals(kv.get("freethreaded")), methods, kv.getOrDefault("defaultstart", methods.isEmpty() ? ""
                : methods.get(0)), kv.getOrDefault("core", ""), kv.getOrDefault("corewhy", ""));
        if (!found.supported()) {
            throw new PythonUnavailable(found.name() + " at " + path + " is too old: CoreLanes needs Python "
                    + PythonInterpreter.MIN_MAJOR + "." + PythonInterpreter.MIN_MINOR + " or newer.");
        }
        if (exit != 0) {
            throw new PythonUnavailable(path + " ended with exit code " + exit + " while describing itself.");
        }
        return found;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        String l = s.replaceAll("\\s+", " ").strip();
        return l.length() > 200 ? l.substring(0, 200) + "…" : l;
    }
}
