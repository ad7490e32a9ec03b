package dev.corelanes.cli;

import dev.corelanes.engine.platform.host.Host;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corelanes.engine.CoreLimit;
import dev.corelanes.engine.platform.CpuAffinity;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.process.ProcessBackend;
import dev.corelanes.engine.python.PythonChoice;
import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonUnavailable;
import dev.corelanes.hardware.Hardware;
import dev.corelanes.runners.Runs;
import dev.corelanes.teach.Lesson;
import dev.corelanes.teach.LessonReport;
import dev.corelanes.teach.Lessons;
import dev.corelanes.teach.OwnCode;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.engine.trace.TraceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code corelanes lesson NAME}: runs every step of a lesson as the window does (the same cores, runtime and
 * baselines), prints the lesson card {@link LessonReport} writes from the measured steps, and writes the
 * comparison slide — for a teacher preparing a handout, and for tests.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every step of a lesson, print its card (question, each step's figures, what the comparison "
                + "showed and why) and write the comparison slide.")
final class LessonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "The lesson's id (the ids of `window --lesson`); --list shows them.")
    String name;

    @Option(names = "--list", description = "List the lessons and exit.")
    boolean list;

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python interpreter for the lesson's real-Python steps (default: the first one found, python3 on the PATH first).")
    String python;

    @Option(names = "--program", paramLabel = "FILE",
            description = "The student's own code, run and traced by a lesson's own-code step (default: my_threads.py "
                    + "in CoreLanes' data folder, the file the window's lesson runs; written with the starter when "
                    + "there is none).")
    Path program;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write every step's run and the card's text (JSON) here.")
    Path json;

    @picocli.CommandLine.Mixin
    SlideOutputs images = new SlideOutputs();

    /** How long the command waits, at the end, for a worker start-up cache being built after a step (as `run`). */
    private static final long CACHE_BUILD_WAIT_MILLIS = 60_000;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            Lessons.all().forEach(l -> out.printf("%-20s %s%n", l.id(), l.title()));
            return Cli.OK;
        }
        if (name == null) {
            throw new UserError("name a lesson, e.g. `corelanes lesson cpu-java`; `corelanes lesson --list` lists them.");
        }
        Lesson lesson = Lessons.byId(name.strip()).orElseThrow(() -> new UserError("unknown lesson '" + name
                + "': use one of " + String.join(", ", Lessons.all().stream().map(Lesson::id).toList()) + "."));
        images.check();
        OutputFiles outputs = new OutputFiles().add("--json", json);
        images.addTo(outputs);
        outputs.check(List.of());
        List<PythonChoice> pythons = pythons(lesson);
        MachineInfo machine = Hardware.detect().machine();
        boolean canPin = Host.affinity().supported();

        PrintWriter err = spec.commandLine().getErr();
        Path ownCode = lesson.hasOwnCode() ? ownCodeFile(out) : null;
        AtomicReference<RunHandle> current = new AtomicReference<>();
        AtomicReference<ProgramTrace> traced = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            stopped.set(true);
            RunHandle h = current.get();
            if (h != null) {
                h.cancel();
            }
            ProgramTrace p = traced.get();
            if (p != null) {
                p.cancel();
            }
        };
        // Ctrl-C or SIGTERM, as for `run` and `sweep`: the first stops the lesson, which still prints its card and
        // writes the steps it measured; a second abandons the writes, leaving no temporary file.
        Interrupts interrupts = Interrupts.install(stop, () -> {
            AtomicFiles.abandon();
            err.println("corelanes: interrupted again — stopped before every output was written; no temporary file "
                    + "is left");
            err.flush();
        });
        // Where signals cannot be taken over, the JVM's shutdown cancels the step instead (nothing more is written).
        Thread onCtrlC = interrupts.installed() ? null : new Thread(stop, "corelanes-lesson-ctrl-c");
        if (onCtrlC != null) {
            Runtime.getRuntime().addShutdownHook(onCtrlC);
        }
        List<Trace> done = new ArrayList<>();
        java.util.Map<Integer, String> skipped = new java.util.TreeMap<>();
        boolean ownFailed = false;
        try {
            for (int i = 0; i < lesson.steps().size() && !stopped.get(); i++) {
                ExperimentSpec step = lesson.steps().get(i);
                if (lesson.ownCode(i)) {
                    String cannot = ProgramTrace.unavailableReason();
                    if (!cannot.isEmpty()) {
                        // Where no program can be traced, the step says why and the rest of the lesson goes on.
                        skipped.put(i, cannot);
                        done.add(null);
                        out.printf("Step %d of %d skipped: %s%n", i + 1, lesson.steps().size(), cannot);
                        continue;
                    }
                    PythonInterpreter py = pythons.get(i).interpreter();
                    String exe = py.executable() == null || py.executable().isBlank() ? py.path() : py.executable();
                    out.printf("Running step %d of %d: your own code · %s %s · traced (its output follows) …%n", i + 1,
                            lesson.steps().size(), py.name(), ownCode);
                    out.flush();
                    Trace measured;
                    try {
                        ProgramTrace p = ProgramTrace.run(List.of(exe, ownCode.toString()));
                        traced.set(p);
                        if (stopped.get()) {
                            p.cancel();
                        }
                        measured = p.await(machine).trace();
                    } catch (TraceException e) {
                        skipped.put(i, "it could not start: " + e.getMessage());
                        done.add(null);
                        ownFailed = true;
                        err.println("corelanes: step " + (i + 1) + " (your own code) could not start: " + e.getMessage());
                        break;
                    }
                    done.add(measured);
                    if (measured.status() != TaskStatus.COMPLETED) {
                        break;
                    }
                    continue;
                }
                int cores = lesson.coresFor(i, machine.usableCores(), canPin);
                MachineInfo m = cores > 0 ? CoreOptions.pinned(machine, CoreLimit.count(cores)) : machine;
                out.printf("Running step %d of %d: %s%s%s …%n", i + 1, lesson.steps().size(), step.describe(),
                        cores > 0 ? " · on " + MachineInfo.count(cores, "core") : "",
                        pythons.get(i) != null ? " · in " + pythons.get(i).interpreter().name() : "");
                // Each step's baseline is chosen as the window chooses it: from the steps run before it.
                RunHandle h = Runs.start(step, pythons.get(i), m,
                        done.stream().filter(java.util.Objects::nonNull).toList());
                current.set(h);
                Trace measured = h.await();
                done.add(measured);
                if (measured.status() != TaskStatus.COMPLETED) {
                    break; // a later step would be compared with nothing: say what ran
                }
            }
            // What ran is printed and written whatever comes now.
            interrupts.onStop(() -> { });
            LessonReport report = LessonReport.of(lesson, done, skipped);
            List<Trace> ran = done.stream().filter(java.util.Objects::nonNull).toList();
            out.println();
            out.print(report.text());
            out.println();
            int notWritten = write(lesson, report, ran, out, err);
            if (stopped.get()) {
                err.println("corelanes: interrupted" + (interrupts.signalName().isEmpty() ? "" : " ("
                        + interrupts.signalName() + ")") + " — " + ran.size() + " of " + lesson.steps().size()
                        + " steps ran; their card was printed and written");
            }
            if (ran.stream().anyMatch(t -> t.spec().mode().processBased())
                    && !dev.corelanes.engine.child.Children.shuttingDown()) {
                // Nothing outlives the CLI: a worker start-up cache being built after a step is waited for, as `run`
                // does; Ctrl-C stops the wait (the builder is killed as the program exits).
                Thread main = Thread.currentThread();
                interrupts.onStop(main::interrupt);
                ProcessBackend.awaitStartupCache(CACHE_BUILD_WAIT_MILLIS);
                interrupts.onStop(() -> { });
                Thread.interrupted();
            }
            Trace last = done.get(done.size() - 1);
            if (stopped.get() || last != null && last.status() == TaskStatus.CANCELLED) {
                return Cli.INTERRUPTED;
            }
            // A step skipped because this system cannot trace is not a failure; one that could not start is.
            boolean allRan = !ownFailed && done.size() == lesson.steps().size()
                    && ran.stream().allMatch(t -> t.status() == TaskStatus.COMPLETED);
            return allRan && notWritten == 0 ? Cli.OK : Cli.RUN_FAILED;
        } finally {
            interrupts.close();
            if (onCtrlC != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and ends the program
                }
            }
        }
    }

    /**
     * The student's file for the own-code step: --program as given (it must be there), or the window's
     * my_threads.py in the data folder, written with the starter when there is none (never over their edits).
     */
    private Path ownCodeFile(PrintWriter out) {
        if (program != null) {
            if (!java.nio.file.Files.isRegularFile(program)) {
                throw new UserError("--program " + program + ": no such file.");
            }
            return program.toAbsolutePath();
        }
        Path dir = dev.corelanes.engine.files.AppFolders.user().data();
        try {
            OwnCode.Starter s = OwnCode.ensure(dir);
            if (s.created()) {
                out.println("Written for you: " + s.file() + " (the starter; edit it and run the lesson again)");
            }
            return s.file();
        } catch (java.io.IOException e) {
            throw new UserError("cannot write " + dir.resolve(OwnCode.FILE_NAME) + ": " + e.getMessage()
                    + "; give a file with --program FILE.");
        }
    }

    /** The interpreter of each step: null for Java; the lesson's Python for its real-Python steps. */
    private List<PythonChoice> pythons(Lesson lesson) {
        List<PythonChoice> out = new ArrayList<>();
        PythonChoice chosen = null;
        for (ExperimentSpec s : lesson.steps()) {
            if (!lesson.python(s)) {
                out.add(null);
                continue;
            }
            if (chosen == null) {
                chosen = new PythonChoice(interpreter(lesson), "");
            }
            out.add(chosen);
        }
        return out;
    }

    private PythonInterpreter interpreter(Lesson lesson) {
        try {
            if (!lesson.freeThreaded()) {
                return PythonInterpreters.find(python);
            }
            if (python != null) {
                PythonInterpreter p = PythonInterpreters.find(python);
                if (!p.freeThreaded()) {
                    throw new UserError("lesson " + lesson.id() + " needs a free-threaded Python (python3.13t or newer); "
                            + python + " has its GIL on.");
                }
                return p;
            }
            return PythonInterpreters.discover().stream().filter(PythonInterpreter::freeThreaded).findFirst()
                    .orElseThrow(() -> new UserError("lesson " + lesson.id() + " needs a free-threaded Python "
                            + "(python3.13t or newer), and none was found; give one with --python PATH."));
        } catch (PythonUnavailable e) {
            throw new UserError("lesson " + lesson.id() + " has steps in real Python: " + e.getMessage());
        }
    }

    /**
     * Every file asked for — the steps' runs with the card, and the comparison slide — each written on its own, as
     * `run` writes its outputs: one that cannot be written is named with its cause, the others are still written.
     * Returns how many were not written.
     */
    private int write(Lesson lesson, LessonReport report, List<Trace> runs, PrintWriter out, PrintWriter err) {
        List<OutputFiles.Output> outputs = new ArrayList<>();
        if (json != null) {
            byte[] text = lessonJson(lesson, report, runs).getBytes(StandardCharsets.UTF_8);
            outputs.add(new OutputFiles.Output("--json", json, o -> o.write(text),
                    "Lesson     " + json + " (every step's run and the card)"));
        }
        if (images.any()) {
            javax.imageio.ImageIO.setUseCache(false); // its file cache's shutdown hook fails after Ctrl-C
        }
        outputs.addAll(images.outputs(runs));
        return OutputFiles.writeEach(outputs, out, err);
    }

    /** The lesson file: {@code corelanes-lesson} with the card's text and each step's run as a run file holds it. */
    static String lessonJson(Lesson lesson, LessonReport report, List<Trace> runs) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("format", "corelanes-lesson");
        root.put("version", 1);
        root.put("lesson", lesson.id());
        root.put("title", lesson.title());
        root.put("question", lesson.question());
        root.put("claim", lesson.claim());
        ObjectNode card = root.putObject("card");
        card.put("text", report.text());
        card.put("explanation", report.explanation());
        card.put("shown", report.shown());
        report.steps().forEach(card.putArray("steps")::add);
        report.findings().forEach(card.putArray("findings")::add);
        report.notes().forEach(card.putArray("notes")::add);
        ArrayNode steps = root.putArray("steps");
        for (Trace t : runs) {
            try {
                steps.add(m.readTree(RunFile.toJsonString(t)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a run file we wrote is not JSON", e);
            }
        }
        return root.toPrettyString() + "\n";
    }
}
