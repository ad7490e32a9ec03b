package dev.corelanes.bench;

import dev.corelanes.engine.child.Children;
import dev.corelanes.engine.platform.Os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fidelity as a number: every mode's lanes held against the kernel's own record of every context switch
 * ({@code sched-truth}, tracefs; root, Linux). For each mode: {@code sched-truth record K.json -- java -jar
 * target/corelanes.jar … --json R.json}, then every worker of R.json held against its own kernel thread by thread id
 * ({@link KernelAgreement}, the score {@code sched-truth compare} prints, with the clocks lined up by those threads):
 * the median over the run's workers is the figure — seconds drawn on the same CPU at the same time as the kernel says
 * the thread ran, over the larger of the two totals. Once on a quiet machine (as quiet as it is: its load is printed) and once with
 * two {@code yes > /dev/null} loops keeping the CPUs busy.
 *
 * <pre>java -cp target/classes:target/lib/* dev.corelanes.bench.FidelityBench [REPS]   # as root, on Linux</pre>
 *
 * <p>{@code -Dcorelanes.bench.modes=threads,GIL} measures only the rows whose name contains one of those words (a full
 * table takes ~10 minutes; {@code trace} keeps the traced programs); {@code -Dcorelanes.bench.jar=PATH} measures another build's jar (with its {@code lib/}
 * beside it), so two builds can be compared side by side in the same minutes.
 */
public final class FidelityBench {


    private FidelityBench() {
    }

    /** Why this machine cannot measure fidelity, or "". */
    static String unavailable(Path schedTruth) {
        if (!Os.current().isLinux()) {
            return "needs Linux (tracefs): this is " + Os.displayName();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (the kernel's context-switch trace, tracefs); run as root";
        }
        if (!Files.isExecutable(schedTruth)) {
            return "needs sched-truth at " + schedTruth + " (-Dcorelanes.bench.schedTruth=PATH)";
        }
        if (!Files.isRegularFile(jar())) {
            return "needs " + jar() + " (mvn package first)";
        }
        return "";
    }

    /** The jar whose runs are measured: target/corelanes.jar unless {@code corelanes.bench.jar} names another. */
    static Path jar() {
        return Path.of(System.getProperty("corelanes.bench.jar", "target/corelanes.jar"));
    }

    /** True when {@code corelanes.bench.modes} is unset or names a word of this row (case-insensitive). */
    static boolean picked(String row, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String word : filter.split(",")) {
            if (!word.isBlank() && row.toLowerCase(Locale.ROOT).contains(word.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path schedTruth = Path.of(System.getProperty("corelanes.bench.schedTruth", "../shared/tools/sched-truth"));
        String why = unavailable(schedTruth);
        if (!why.isEmpty()) {
            System.out.println("## Fidelity against the kernel\n\n(Skipped: " + why + ".)");
            return;
        }
        Path dir = Files.createTempDirectory("corelanes-fidelity");
        Path py = dir.resolve("threads.py");
        Files.writeString(py, """
                import threading
                def spin():
                    x = 0
                    for i in range(3_000_000):
                        x += i
                ts = [threading.Thread(target=spin) for _ in range(2)]
                for t in ts: t.start()
                for t in ts: t.join()
                """);
        Path java = dir.resolve("Spin.java");
        Files.writeString(java, """
                public class Spin {
                    public static void main(String[] a) throws Exception {
                        Thread[] ts = new Thread[2];
                        for (int i = 0; i < 2; i++) {
                            ts[i] = new Thread(() -> { long x = 0, end = System.nanoTime() + 500_000_000L;
                                while (System.nanoTime() < end) { x += x * 31 + 7; } if (x == 42) System.out.println(x); });
                            ts[i].start();
                        }
                        for (Thread t : ts) t.join();
                    }
                }
                """);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<String>> modes = new LinkedHashMap<>();
        // The traced programs first, then the modes in the order a course meets them (a slow machine may be stopped
        // part-way: the table then has what was measured).
        modes.put("trace: sh -c 'yes & yes & sleep 1; kill %1 %2'", List.of("trace", "--", "sh", "-c",
                "yes>/dev/null & yes>/dev/null & sleep 1; kill %1 %2"));
        modes.put("trace: Python program, 2 threads", List.of("trace", "--", "python3", py.toString()));
        modes.put("trace: Java program, 2 threads × 0.5 s", List.of("trace", "--", javaBin, java.toString()));
        // The same programs with the lanes left to the sampler, as where Linux refuses this user the kernel's switch
        // records (kernel.perf_event_paranoid above 2: Debian's and Ubuntu's defaults).
        List<String> sampled = List.of("-Dcorelanes.trace.kernelSwitches=false");
        for (String row : List.copyOf(modes.keySet())) {
            List<String> a = new ArrayList<>(sampled);
            a.addAll(modes.get(row));
            modes.put(row.replace("trace:", "trace, sampled /proc only:"), a);
        }
        modes.put("Java threads, 4 × 0.5 s compute", run("--mode", "threads", "--tasks", "4"));
        modes.put("CPython threads (GIL), 2 × 0.5 s", run("--runtime", "python", "--mode", "threads", "--tasks", "2"));
        modes.put("worker JVM processes, 3 × 0.5 s", run("--mode", "processes", "--tasks", "3"));
        modes.put("Java virtual threads, 4 × 0.5 s", run("--mode", "virtual", "--tasks", "4"));
        modes.put("Java thread pool (2), 4 × 0.5 s", run("--mode", "pool", "--workers", "2", "--tasks", "4"));
        for (String method : List.of("fork", "spawn", "forkserver")) {
            modes.put("CPython processes (" + method + "), 2 × 0.5 s", run("--runtime", "python", "--mode", "processes",
                    "--tasks", "2", "--start-method", method));
        }

        StringBuilder md = new StringBuilder("## Fidelity against the kernel (`sched-truth`)\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %s, %d CPUs. Median agreement over a run's workers (lowest "
                        + "worker in brackets), %d run(s) each; load average before the quiet runs %s.%n%n",
                cpuName(), Runtime.getRuntime().availableProcessors(), reps, BenchHost.loadAverage()));
        md.append("Each worker is held against its own kernel thread (the run file's `tid`), the two clocks lined up where "
                + "they overlap most (KernelAgreement; sched-truth's own compare is printed beside, on stderr); threads "
                + "that ran under 10 ms are not scored. Each cell: the median over the run's workers (the lowest in "
                + "brackets), then all workers weighted by their time.\n\n");
        md.append("| run | quiet | two busy `yes` loops |\n|---|---|---|\n");
        md.append("Each row first runs once unscored, as a user's first run after a new jar does: it builds the worker "
                + "JVMs' start-up cache, which every later run starts from (without it the first 100 ms of a worker JVM's "
                + "task, interpreted while the JIT compiler competes for the CPUs, lost 11–18 ms of running each).\n\n");
        modes.keySet().removeIf(row -> !picked(row, System.getProperty("corelanes.bench.modes")));
        for (Map.Entry<String, List<String>> e : modes.entrySet()) {
            warmUp(e.getValue(), dir);
            String quiet = measure(schedTruth, dir, e.getValue(), reps, false);
            String busy = measure(schedTruth, dir, e.getValue(), reps, true);
            md.append("| ").append(e.getKey()).append(" | ").append(quiet).append(" | ").append(busy).append(" |\n");
            System.err.println("| " + e.getKey() + " | " + quiet + " | " + busy + " |   (load " + BenchHost.loadAverage() + ")");
        }
        System.out.print(md);
    }

    /** One run of {@code args}, not recorded nor scored: the start-up caches a first run builds are then in place. */
    private static void warmUp(List<String> args, Path dir) throws IOException, InterruptedException {
        int jvm = 0;
        while (jvm < args.size() && args.get(jvm).startsWith("-D")) {
            jvm++;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(args.subList(0, jvm));
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(args.subList(jvm, jvm + 1));
        cmd.addAll(List.of("--json", dir.resolve("warm-up.json").toString()));
        cmd.addAll(args.subList(jvm + 1, args.size()));
        exec(cmd);
    }

    private static List<String> run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("run", "--kind", "compute", "--seconds", "0.5"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** "0.93 (0.88)" or "0.93–0.95 (0.80)" over the repetitions; "failed: …" when a run could not be compared. */
    private static String measure(Path schedTruth, Path dir, List<String> args, int reps, boolean busy)
            throws IOException, InterruptedException {
        List<Process> loops = new ArrayList<>();
        if (busy) {
            for (int i = 0; i < 2; i++) {
                loops.add(Children.start(new ProcessBuilder("sh", "-c", "exec yes > /dev/null")));
            }
        }
        double lo = Double.MAX_VALUE;
        double hi = -1;
        double worst = Double.MAX_VALUE;
        List<Double> weighted = new ArrayList<>();
        String failure = "";
        try {
            int retries = 2; // a record another sched-truth cut short is taken again, twice at most
            for (int r = 0; r < reps; r++) {
                Path k = dir.resolve("k.json");
                Path json = dir.resolve("r.json");
                Files.deleteIfExists(json);
                // A row's leading -D options are the JVM's (e.g. the sampled trace), the rest the command's.
                int jvm = 0;
                while (jvm < args.size() && args.get(jvm).startsWith("-D")) {
                    jvm++;
                }
                List<String> cmd = new ArrayList<>(List.of(schedTruth.toString(), "record", k.toString(), "--",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(args.subList(0, jvm));
                cmd.addAll(List.of("-jar", jar().toString()));
                cmd.addAll(args.subList(jvm, jvm + 1));
                cmd.addAll(List.of("--json", json.toString()));
                cmd.addAll(args.subList(jvm + 1, args.size()));
                String recorded = exec(cmd);
                if (!Files.isRegularFile(json)) {
                    failure = "no run file: " + last(recorded);
                    continue;
                }
                String cut = Files.isRegularFile(k) ? KernelAgreement.cut(k) : "no kernel record";
                if (!cut.isEmpty()) {
                    System.err.println("  not scored: " + cut);
                    failure = cut;
                    if (retries-- > 0) {
                        r--;
                    }
                    continue;
                }
                // sched-truth's own compare, for the record (its clock alignment can miss on traced rows) …
                System.err.print(exec(List.of(schedTruth.toString(), "compare", k.toString(), json.toString(), "--min", "0")));
                // … and the figure: every worker held against its own kernel thread, by thread id.
                KernelAgreement.Result result;
                try {
                    result = KernelAgreement.compare(KernelAgreement.readKernel(k), dev.corelanes.engine.files.RunFile.read(json));
                } catch (IOException | dev.corelanes.engine.files.RunFileException e) {
                    failure = "not compared: " + e.getMessage();
                    continue;
                }
                if (result.scores().isEmpty()) {
                    failure = "no worker with a thread id the kernel ran";
                    continue;
                }
                for (KernelAgreement.Score sc : result.scores()) {
                    System.err.printf(Locale.ROOT, "  %s: kernel thread %d on-CPU %.3f s | drawn running %.3f s | same CPU at "
                                    + "the same time %.3f s | agreement %.3f%n", sc.worker(), sc.tid(), sc.kernelSeconds(),
                            sc.drawnSeconds(), sc.sameSeconds(), sc.agreement());
                }
                System.err.printf(Locale.ROOT, "  median %.3f over %d workers (min %.3f), weighted by time %.3f; offset %.2f ms%s%n",
                        result.median(), result.scores().size(), result.min(), result.weighted(), result.offsetSeconds() * 1e3,
                        result.unmatched().isEmpty() ? "" : "; no kernel thread for " + result.unmatched());
                double median = result.median();
                lo = Math.min(lo, median);
                hi = Math.max(hi, median);
                worst = Math.min(worst, result.min());
                weighted.add(result.weighted());
            }
        } finally {
            for (Process p : loops) {
                Children.killTree(p);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (hi < 0) {
            return "failed: " + failure;
        }
        String range = lo == hi ? fmt(lo) : fmt(lo) + "–" + fmt(hi);
        return range + " (" + fmt(worst) + ") · by time " + weighted.stream().map(FidelityBench::fmt)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String last(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = Children.start(new ProcessBuilder(cmd).redirectErrorStream(true));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown CPU";
    }

}
