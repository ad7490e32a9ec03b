package dev.corelanes.bench;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.engine.trace.Sampling;
import dev.corelanes.engine.trace.TraceException;
import dev.corelanes.engine.trace.TreeSampler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code corelanes trace}'s sampler costs (issue 28 item 3: at most 3 % of one core, 64 threads included): a
 * CPython program of N threads, each busy for 1 ms then asleep for 20 ms (so every thread runs between two sweeps),
 * and one of N threads that all sleep (so none does), traced for a few seconds each. Printed per program: threads
 * seen, sweeps, the mean period achieved and aimed at, the sampler thread's own CPU time (all of it: sweeps,
 * wake-ups, waits), its share of one core and its CPU per sweep.
 *
 * <pre>java -cp target/classes:target/lib/* dev.corelanes.bench.SamplerBench [SECONDS]   # Linux, python3 on PATH</pre>
 */
public final class SamplerBench {

    private SamplerBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        String why = ProgramTrace.unavailableReason();
        if (!why.isEmpty()) {
            System.out.println("## Sampler cost (`corelanes trace`)\n\n(Skipped: " + why + ")");
            return;
        }
        Path dir = Files.createTempDirectory("corelanes-sampler");
        Path py = dir.resolve("threads.py");
        Files.writeString(py, """
                import sys, threading, time
                N, SECONDS, BUSY = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "busy"
                def work():
                    end = time.monotonic() + SECONDS
                    while time.monotonic() < end:
                        if BUSY:
                            t = time.perf_counter()
                            while time.perf_counter() - t < 0.001:
                                pass
                        time.sleep(0.02 if BUSY else 0.5)
                ts = [threading.Thread(target=work) for _ in range(N)]
                for t in ts: t.start()
                for t in ts: t.join()
                """);
        MachineInfo machine = MachineInfo.fromJvm();
        String python = interpreter();
        StringBuilder md = new StringBuilder("## Sampler cost (`corelanes trace`)\n\n");
        md.append(String.format(Locale.ROOT, "%d CPUs; load average before: %s. A CPython program of N threads "
                        + "traced for %.0f s each: *busy* threads compute 1 ms then sleep 20 ms (each runs between two "
                        + "sweeps), *idle* ones sleep. Own CPU = the sampler thread's whole CPU time; budget %.0f %% "
                        + "of one core.%n%n", Runtime.getRuntime().availableProcessors(), BenchHost.loadAverage(), seconds,
                TreeSampler.TARGET_SHARE * 100));
        md.append("| program | threads seen | sweeps | period (aimed) | own CPU | share of one core | CPU per sweep |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String kind : List.of("busy", "idle")) {
            for (int n : List.of(4, 16, 64)) {
                md.append(row(python, py, n, seconds, kind, machine));
            }
        }
        md.append(String.format(Locale.ROOT, "%nLoad average after: %s.%n", BenchHost.loadAverage()));
        System.out.print(md);
    }

    /** The interpreter python3 runs (pyenv's shim is a tree of shell processes that would be traced too). */
    private static String interpreter() throws IOException, InterruptedException {
        Process p = dev.corelanes.engine.child.Children.start(new ProcessBuilder("python3", "-c",
                "import sys; print(sys.executable)").redirectErrorStream(true));
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 && !out.isEmpty() ? out : "python3";
    }

    private static String row(String python, Path py, int n, double seconds, String kind, MachineInfo machine)
            throws IOException, InterruptedException {
        ProgramTrace t;
        try {
            t = ProgramTrace.run(List.of(python, py.toString(), String.valueOf(n), String.valueOf(seconds), kind));
        } catch (TraceException e) {
            return "| " + n + " " + kind + " | failed: " + e.getMessage() + " |||||| \n";
        }
        Sampling s = t.await(machine).sampling();
        int sweeps = s.sweeps().size();
        String line = String.format(Locale.ROOT, "| %d %s threads | %d | %d | %.1f ms (%.1f ms) | %.1f ms | %.2f %% | %.0f µs |%n",
                n, kind, s.threads().size(), sweeps, s.periodNanos() / 1e6, s.aimedPeriodNanos() / 1e6,
                s.ownCpuNanos() / 1e6, s.cpuShare() * 100, sweeps == 0 ? 0 : s.ownCpuNanos() / 1e3 / sweeps);
        System.err.print(line);
        return line;
    }

}
