package dev.corelanes.teach;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;

import java.util.Locale;

/** The Java and the Python code that do what an experiment does, for the code view. */
public final class CodeSamples {

    private CodeSamples() {
    }

    public static String java(ExperimentSpec s) {
        int n = s.tasks();
        int w = s.workers();
        String task = s.kind() == TaskKind.SLEEP
                ? "    static void task() {\n"
                + "        try {\n"
                + "            Thread.sleep(" + millis(s) + ");  // waits: no CPU used\n"
                + "        } catch (InterruptedException e) {\n"
                + "            Thread.currentThread().interrupt();\n"
                + "        }\n"
                + "    }\n"
                : "    static long task() {  // CPU-bound: ~" + secs(s) + " s of xorshift steps\n"
                + "        long x = 1;\n"
                + "        for (long i = 0; i < STEPS; i++) {\n"
                + "            x ^= x << 13; x ^= x >>> 7; x ^= x << 17;\n"
                + "        }\n"
                + "        return x;\n"
                + "    }\n";
        String gil = s.gil() ? "    // Java has no GIL: CoreLanes emulates one (a lock handed over every 5 ms).\n" : "";
        String body = switch (s.mode()) {
            case SEQUENTIAL -> "        for (int i = 0; i < " + n + "; i++) {\n            task();\n        }\n";
            case THREADS -> "        List<Thread> threads = new ArrayList<>();\n"
                    + "        for (int i = 0; i < " + n + "; i++) {\n"
                    + "            threads.add(Thread.ofPlatform().start(Main::task));\n"
                    + "        }\n"
                    + "        for (Thread t : threads) {\n            t.join();\n        }\n";
            case VIRTUAL -> "        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {\n"
                    + "            for (int i = 0; i < " + n + "; i++) {\n"
                    + "                executor.submit(Main::task);\n"
                    + "            }\n"
                    + "        }  // close() waits for all tasks\n";
            case POOL -> "        try (var executor = Executors.newFixedThreadPool(" + w + ")) {\n"
                    + "            for (int i = 0; i < " + n + "; i++) {\n"
                    + "                executor.submit(Main::task);\n"
                    + "            }\n"
                    + "        }  // close() waits for all tasks\n";
            case PROCESSES -> "        // Each task is a separate program with its own memory.\n"
                    + "        List<Process> children = new ArrayList<>();\n"
                    + "        for (int i = 0; i < " + n + "; i++) {\n"
                    + "            children.add(new ProcessBuilder(\"java\", \"Task.java\").inheritIO().start());\n"
                    + "        }\n"
                    + "        for (Process p : children) {\n            p.waitFor();\n        }\n";
            case PROCESS_POOL -> "        // The JDK has no process pool: start " + w + " workers once, send each\n"
                    + "        // a task over its stdin pipe, read the result from its stdout.\n"
                    + "        List<Process> workers = new ArrayList<>();\n"
                    + "        for (int i = 0; i < " + w + "; i++) {\n"
                    + "            workers.add(new ProcessBuilder(\"java\", \"Worker.java\").start());\n"
                    + "        }\n"
                    + "        for (int i = 0; i < " + n + "; i++) {\n"
                    + "            Process worker = workers.get(i % " + w + ");\n"
                    + "            worker.getOutputStream().write(\"task\\n\".getBytes());\n"
                    + "            worker.getOutputStream().flush();\n"
                    + "        }\n";
            case TRACED -> "        // A traced program: its code is its own, not written by CoreLanes.\n";
        };
        return "// " + s.describe() + "\n"
                + "import java.util.ArrayList;\nimport java.util.List;\nimport java.util.concurrent.Executors;\n\n"
                + "public class Main {\n"
                + (s.kind() == TaskKind.COMPUTE ? "    // ~560 million steps a second on one core of a recent CPU: calibrate on yours.\n"
                + "    static final long STEPS = (long) (560_000_000L * " + secs(s) + ");\n\n" : "")
                + gil + task + "\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + "        long start = System.nanoTime();\n"
                + body
                + "        System.out.printf(\"%.2f s%n\", (System.nanoTime() - start) / 1e9);\n"
                + "    }\n"
                + "}\n";
    }

    /**
     * The exact Python program the Python runtime executes for {@code s} (the code view shows it, so it is
     * the same text, byte for byte, that ran). {@code startMethod} "" = the interpreter's default.
     */
    public static String pythonProgram(ExperimentSpec s, String startMethod) {
        return dev.corelanes.engine.python.PythonScript.text(s, startMethod);
    }

    public static String python(ExperimentSpec s) {
        int n = s.tasks();
        int w = s.workers();
        String task = s.kind() == TaskKind.SLEEP
                ? "def do_something():\n    time.sleep(" + secs(s) + ")  # waits: the GIL is released\n"
                : "def do_something():  # CPU-bound: holds the GIL while it runs\n"
                + "    x = 1\n"
                + "    for _ in range(STEPS):\n"
                + "        x ^= (x << 13) & MASK\n"
                + "        x ^= x >> 7\n"
                + "        x ^= (x << 17) & MASK\n"
                + "    return x\n";
        String header = "# " + s.describe() + "\n"
                + (s.gil() ? "" : "# CPython always has a GIL (except the free-threaded 3.13t build):\n"
                + "# CPU-bound threads here take turns, unlike Java threads.\n");
        String imports;
        String body;
        switch (s.mode()) {
            case SEQUENTIAL -> {
                imports = "import time\n";
                body = "for _ in range(" + n + "):\n    do_something()\n";
            }
            case THREADS -> {
                imports = "import threading\nimport time\n";
                body = "threads = [threading.Thread(target=do_something) for _ in range(" + n + ")]\n"
                        + "for t in threads:\n    t.start()\n"
                        + "for t in threads:\n    t.join()\n";
            }
            case VIRTUAL -> {
                imports = "import asyncio\nimport time\n";
                body = "# Python has no virtual threads; asyncio tasks are its lightweight equivalent\n"
                        + "# (for waiting: use await asyncio.sleep, not time.sleep).\n"
                        + "async def main():\n"
                        + "    await asyncio.gather(*(asyncio.to_thread(do_something) for _ in range(" + n + ")))\n"
                        + "asyncio.run(main())\n";
            }
            case POOL -> {
                imports = "import concurrent.futures\nimport time\n";
                body = "with concurrent.futures.ThreadPoolExecutor(max_workers=" + w + ") as pool:\n"
                        + "    for _ in range(" + n + "):\n        pool.submit(do_something)\n";
            }
            case PROCESSES -> {
                imports = "import multiprocessing\nimport time\n";
                body = "if __name__ == \"__main__\":\n"
                        + "    processes = [multiprocessing.Process(target=do_something) for _ in range(" + n + ")]\n"
                        + "    for p in processes:\n        p.start()\n"
                        + "    for p in processes:\n        p.join()\n";
            }
            case PROCESS_POOL -> {
                imports = "import concurrent.futures\nimport time\n";
                body = "if __name__ == \"__main__\":\n"
                        + "    with concurrent.futures.ProcessPoolExecutor(max_workers=" + w + ") as pool:\n"
                        + "        for _ in range(" + n + "):\n            pool.submit(do_something)\n";
            }
            case TRACED -> {
                imports = "import time\n";
                body = "# A traced program: its code is its own, not written by CoreLanes.\ndo_something()\n";
            }
            default -> throw new IllegalStateException();
        }
        String steps = s.kind() == TaskKind.COMPUTE
                ? "MASK = (1 << 64) - 1\n# CPython runs roughly 6 million of these steps a second: calibrate on your CPU.\n"
                + "STEPS = int(6_000_000 * " + secs(s) + ")\n\n" : "";
        String timed = body.startsWith("if __name__")
                ? body.replace("if __name__ == \"__main__\":\n", "if __name__ == \"__main__\":\n    start = time.perf_counter()\n")
                + "    print(f\"{time.perf_counter() - start:.2f} s\")\n"
                : "start = time.perf_counter()\n" + body + "print(f\"{time.perf_counter() - start:.2f} s\")\n";
        return header + imports + "\n" + steps + task + "\n" + timed;
    }

    /**
     * The starter of the lesson step "your own code" ({@code my_threads.py}): the notebook's {@code do_something()}
     * run twice on two threads, then twice in two processes, each half timed — a file the student edits and runs
     * with Run my program to see the GIL on the lanes (two threads take turns on one CPU at a time; two processes
     * run on two CPUs at once).
     */
    public static String myThreads() {
        return """
                # my_threads.py: your own code on CoreLanes' lanes (File > Run my program..., or the lesson's Run it).
                # Change do_something(), the number of workers, or threads for processes, and run it again.
                import multiprocessing
                import threading
                import time

                MASK = (1 << 64) - 1
                STEPS = 3_000_000  # about half a second of CPU on a laptop; calibrate on yours


                def do_something():  # CPU-bound: holds the GIL while it runs
                    x = 1
                    for _ in range(STEPS):
                        x ^= (x << 13) & MASK
                        x ^= x >> 7
                        x ^= (x << 17) & MASK
                    return x


                def on_threads(n):
                    threads = [threading.Thread(target=do_something) for _ in range(n)]
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()


                def in_processes(n):
                    processes = [multiprocessing.Process(target=do_something) for _ in range(n)]
                    for p in processes:
                        p.start()
                    for p in processes:
                        p.join()


                if __name__ == "__main__":
                    for how in (on_threads, in_processes):
                        start = time.perf_counter()
                        how(2)
                        print(f"{how.__name__}(2): {time.perf_counter() - start:.2f} s", flush=True)
                        time.sleep(0.3)  # a gap on the lanes between the two halves
                """;
    }

    private static String secs(ExperimentSpec s) {
        double v = s.taskSeconds();
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static long millis(ExperimentSpec s) {
        return Math.round(s.taskSeconds() * 1000);
    }
}
