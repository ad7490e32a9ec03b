package dev.corelanes.engine.trace;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * A user's program traced as a run of the window: started with its output kept ({@link ProgramOutput}), its spans
 * published to a listener while it runs ({@link LiveSpans}, every {@link #LIVE_PERIOD_NANOS}), and seen as any run
 * through a {@link RunHandle} — Cancel kills its whole tree, the handle's result is the finished run.
 */
public final class ProgramRun {

    /** How often new spans are placed and handed over while the program runs (10 a second, as the lanes draw). */
    public static final long LIVE_PERIOD_NANOS = 100_000_000L;

    private final ProgramCommand program;
    private final ProgramTrace trace;
    private final ProgramOutput output;
    private final RunHandle handle;

    private ProgramRun(ProgramCommand program, ProgramTrace trace, ProgramOutput output, RunHandle handle) {
        this.program = program;
        this.trace = trace;
        this.output = output;
        this.handle = handle;
    }

    /** The spec a program's run has while it goes on (its threads are counted when it ends). */
    public static ExperimentSpec liveSpec() {
        return ExperimentSpec.of(ExecutionMode.TRACED, TaskKind.COMPUTE, 1, ExperimentSpec.MIN_SECONDS, false);
    }

    /**
     * Starts {@code program} and traces it.
     *
     * @throws TraceException with a one-line reason when it cannot start (or this system cannot trace)
     */
    public static ProgramRun start(ProgramCommand program, MachineInfo machine, TraceListener live)
            throws TraceException {
        ProgramOutput output = new ProgramOutput();
        // Background work of this JVM stops before the program starts, and may start again once it has ended.
        dev.corelanes.engine.BackgroundWork.Measurement measuring = dev.corelanes.engine.BackgroundWork.measurementStarting();
        ProgramTrace trace;
        try {
            trace = ProgramTrace.run(program, output);
        } catch (TraceException | RuntimeException e) {
            measuring.close();
            throw e;
        }
        CompletableFuture<Trace> done = new CompletableFuture<>();
        done.whenComplete((t, e) -> measuring.close());
        RunHandle handle = RunHandle.external(liveSpec(), trace.originNanos(), trace::cancel, done);
        LiveSpans spans = trace.live();
        Thread.ofPlatform().daemon(true).name("corelanes-program-live").start(() -> {
            while (!done.isDone()) {
                spans.publish(live);
                LockSupport.parkNanos(LIVE_PERIOD_NANOS);
            }
        });
        Thread.ofPlatform().daemon(true).name("corelanes-program-wait").start(() -> {
            Trace t;
            try {
                t = trace.await(machine).trace();
                spans.publish(live); // what the last sweeps saw: the live lanes end with every thread the run has
                output.awaitEnd(1_000); // its last words are in the output pane
            } catch (InterruptedException | RuntimeException e) {
                trace.cancel();
                t = failed(trace, machine, e);
            }
            done.complete(t);
        });
        return new ProgramRun(program, trace, output, handle);
    }

    /** A run with nothing measured, for a trace that broke (never left "running" for ever). */
    private static Trace failed(ProgramTrace trace, MachineInfo machine, Exception e) {
        Sampling none = new Sampling(trace.pid(), Map.of(), List.of(), List.of(), 0, 1, 0, 0, -1);
        return TracedRun.build(none, false, machine, Instant.now(), 0, trace.originNanos(), TaskStatus.FAILED,
                "tracing failed: " + e, trace.command());
    }

    public ProgramCommand program() {
        return program;
    }

    public RunHandle handle() {
        return handle;
    }

    public ProgramOutput output() {
        return output;
    }

    /** The program's process id (its tree's root). */
    public int pid() {
        return trace.pid();
    }
}
