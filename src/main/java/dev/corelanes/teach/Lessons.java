package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;

import java.util.List;
import java.util.Optional;

import static dev.corelanes.engine.ExecutionMode.POOL;
import static dev.corelanes.engine.ExecutionMode.PROCESSES;
import static dev.corelanes.engine.ExecutionMode.PROCESS_POOL;
import static dev.corelanes.engine.ExecutionMode.SEQUENTIAL;
import static dev.corelanes.engine.ExecutionMode.THREADS;
import static dev.corelanes.engine.ExecutionMode.VIRTUAL;
import static dev.corelanes.engine.TaskKind.COMPUTE;
import static dev.corelanes.engine.TaskKind.SLEEP;

/** The lessons of the course notebook, in teaching order. */
public final class Lessons {

    private Lessons() {
    }

    private static ExperimentSpec spec(ExecutionMode mode, TaskKind kind, int tasks, double seconds, int workers,
                                       boolean gil) {
        return new ExperimentSpec(mode, kind, tasks, seconds, workers, gil);
    }

    public static List<Lesson> all() {
        return List.of(
                new Lesson("do-something", "do_something() twice",
                        "The notebook calls do_something() — sleep 1 s — twice. How long in a row? On two threads?",
                        List.of(spec(SEQUENTIAL, SLEEP, 2, 1, 1, false), spec(THREADS, SLEEP, 2, 1, 2, false)),
                        "In a row the two sleeps add up; on two threads both wait at the same time, so the program "
                                + "should finish in about half the time. Sleeping uses no CPU: the off-CPU lanes show "
                                + "the waits, the CPU lanes stay empty."),
                new Lesson("io-bound", "I/O-bound: threads overlap waits",
                        "Ten tasks each wait 1 s (like a download). Sequential vs ten threads?",
                        List.of(spec(SEQUENTIAL, SLEEP, 10, 1, 1, false), spec(THREADS, SLEEP, 10, 1, 10, false)),
                        "Waiting tasks need no core, so even a 2-core machine should run ten waits at once: about "
                                + "1 s instead of 10 s. This is why threads help programs that mostly wait, even in "
                                + "Python."),
                new Lesson("cpu-java", "CPU-bound in Java: threads and processes both scale",
                        "Two compute tasks of 1 s on a machine with several cores: sequential, threads, processes?",
                        List.of(spec(SEQUENTIAL, COMPUTE, 2, 1, 1, false), spec(THREADS, COMPUTE, 2, 1, 2, false),
                                spec(PROCESSES, COMPUTE, 2, 1, 2, false)),
                        "Java threads can run on different cores at the same time, so with two cores two 1 s tasks "
                                + "should take about 1 s. Processes should too, plus the cost of starting each process "
                                + "(the spawning span).")
                        .checking(new LessonClaim.Faster(0, 1), new LessonClaim.Faster(0, 2)),
                new Lesson("cpu-python", "CPU-bound in Python: the GIL serializes threads",
                        "Turn on the Python GIL. Two compute tasks on threads, then on processes?",
                        List.of(spec(THREADS, COMPUTE, 2, 1, 2, true), spec(PROCESSES, COMPUTE, 2, 1, 2, true)),
                        "With the GIL only one thread computes at a time: they take turns every 5 ms (GIL-wait "
                                + "spans), so two threads should be no faster than one. Each process has its own "
                                + "interpreter and its own GIL, so processes should compute in parallel — why Python "
                                + "programmers use multiprocessing for CPU work."),
                Lesson.inPython("do-something-python", "do_something() twice in real Python",
                        "Now the notebook's own experiment in your CPython: do_something() twice in a row, then on "
                                + "two threads. Same 2 s and 1 s?",
                        List.of(spec(SEQUENTIAL, SLEEP, 2, 1, 1, false), spec(THREADS, SLEEP, 2, 1, 2, false)),
                        "Python's time.sleep lets go of the GIL while it waits, so two threads should wait together: "
                                + "about 2 s in a row, about 1 s on threads — the notebook's result. The code view "
                                + "shows the program that ran.",
                        List.of(true, true)),
                Lesson.inPython("gil-real", "GIL: emulated in Java vs real CPython",
                        "Two compute tasks on two threads: first with CoreLanes's GIL emulation in Java, then in your "
                                + "real CPython. Do they look the same?",
                        List.of(spec(THREADS, COMPUTE, 2, 1, 2, true), spec(THREADS, COMPUTE, 2, 1, 2, false)),
                        "Both should take about as long as one core needs: one thread computes while the other "
                                + "waits for the lock (GIL-wait spans). The Java emulation hands the lock over every "
                                + "5 ms like CPython's switch interval; the CPython run is the real thing, read from "
                                + "inside the interpreter. Where the two differ — how often the lock changes hands, "
                                + "which core runs — the real run is the truth.",
                        List.of(false, true)).checking(new LessonClaim.Similar(0, 1)),
                Lesson.inPython("own-code", "Your own code: my_threads.py",
                        "The notebook's do_something() in a file of your own. First two compute tasks on two threads "
                                + "in your CPython, then your my_threads.py as it is: do its threads ever compute on "
                                + "two CPUs at the same moment? Do its processes?",
                        List.of(spec(THREADS, COMPUTE, 2, 0.5, 2, false), Lesson.OWN_CODE),
                        "Under the GIL the two threads of step 1 should take turns, so the step should take about "
                                + "as long as one core needs for both. Step 2 is your program and nothing is claimed of "
                                + "it: the card says what it measured — its time, its threads and processes, and how "
                                + "long two of its threads ran on different CPUs at the same moment. The starter runs "
                                + "do_something() on two threads (one GIL: they take turns), then in two processes "
                                + "(a GIL each); your edits decide what it does.",
                        List.of(true, true)),
                Lesson.inFreeThreadedPython("free-threaded", "No GIL: free-threaded Python",
                        "Two compute tasks on two threads in a free-threaded CPython (python3.13t), its GIL off. "
                                + "2 s like the GIL run, or 1 s?",
                        List.of(spec(THREADS, COMPUTE, 2, 1, 2, false)),
                        "With the GIL off, each thread should compute on its own core at the same time: about "
                                + "1 s, where a CPython with its GIL takes about 2 s, and no GIL-wait spans. Threads of "
                                + "one process now get real parallelism — without the cost of starting processes. "
                                + "Only free-threaded builds (3.13t and newer) do this; this lesson is offered only "
                                + "where one was found."),
                new Lesson("oversubscribed", "More compute tasks than cores",
                        "Eight compute tasks on this machine's cores. What happens to each task?",
                        List.of(spec(THREADS, COMPUTE, 8, 0.5, 8, false)),
                        "With more runnable threads than cores, the OS time-slices: each task runs a few "
                                + "milliseconds, is preempted, and runs again — concurrency without more "
                                + "parallelism. The total time should be set by the cores, not the threads."),
                new Lesson("one-core", "One core: concurrency without parallelism",
                        "Two compute tasks of 1 s on two threads, pinned to one core. Then the same on two cores?",
                        List.of(spec(THREADS, COMPUTE, 2, 1, 2, false), spec(THREADS, COMPUTE, 2, 1, 2, false)),
                        "On one core the two threads take turns: the OS switches between them every few "
                                + "milliseconds, so both bars interleave on the one lane and the run should take about "
                                + "2 s — concurrency without parallelism, as the notebook says a single core can "
                                + "switch between tasks quickly. On two cores each thread has its own lane and "
                                + "the run should take about 1 s. (Where the OS cannot pin a run — macOS — or the "
                                + "machine has one core, both steps use every usable core.)",
                        List.of(1, 2)),
                new Lesson("virtual-10k", "10 000 virtual threads sleeping",
                        "Ten thousand tasks each sleep 1 s. Can a laptop do that at once?",
                        List.of(spec(VIRTUAL, SLEEP, 10_000, 1, 1, false)),
                        "Virtual threads are cheap — a few hundred bytes, created in microseconds — so ten "
                                + "thousand should sleep together and the run take about 1 s. Ten thousand OS threads "
                                + "would cost far more memory."),
                new Lesson("process-pool", "A process pool vs a process per task",
                        "Eight short compute tasks: one new process each, or a pool of two reused processes?",
                        List.of(spec(PROCESSES, COMPUTE, 8, 0.2, 8, false), spec(PROCESS_POOL, COMPUTE, 8, 0.2, 2, false)),
                        "Starting a process costs tens of milliseconds (the spawning spans). A pool pays it once "
                                + "per worker and reuses the processes, like Python's multiprocessing.Pool, so it "
                                + "should finish sooner."),
                new Lesson("thread-pool", "A thread pool", "Eight sleep tasks on a pool of two threads?",
                        List.of(spec(POOL, SLEEP, 8, 0.5, 2, false)),
                        "A pool runs at most as many tasks at once as it has workers: eight 0.5 s waits on two "
                                + "workers should take four rounds, about 2 s."));
    }

    /** The lessons this machine can give: those for a free-threaded Python only where one was found. */
    public static List<Lesson> available(boolean freeThreadedFound) {
        return all().stream().filter(l -> l.availableWith(freeThreadedFound)).toList();
    }

    public static Optional<Lesson> byId(String id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
