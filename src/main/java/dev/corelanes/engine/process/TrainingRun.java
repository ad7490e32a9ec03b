package dev.corelanes.engine.process;

import dev.corelanes.engine.platform.Os;
import dev.corelanes.engine.platform.SelfKill;
import dev.corelanes.engine.platform.host.Host;

import java.util.function.IntConsumer;

/**
 * A JVM recording a training run for a JDK AOT cache ({@code -XX:AOTMode=record}): the worker cache's trainer
 * and the window's. Such a JVM writes its record on every exit, even {@link Runtime#halt} (checked on JDK 25: a
 * halted recording still writes its configuration, ~8 MB for the window's), which costs seconds of CPU for
 * nobody when the parent that would assemble it is gone.
 *
 * <p>While the parent lives it never needs this: it kills a trainer it gives up on through the process API
 * ({@link Process#destroyForcibly()}: SIGKILL, or TerminateProcess on Windows), which writes nothing either. When
 * the parent is gone (killed outright, so no hook of its ran), the trainer must end itself, and the process API
 * cannot do that: {@code ProcessHandle.current().destroyForcibly()} is refused. So it asks the OS to kill it the
 * way a kill from outside would, without the JVM's exit path — {@code kill(getpid(), SIGKILL)} on Linux and macOS,
 * {@code TerminateProcess(GetCurrentProcess(), …)} on Windows (which, when a process terminates itself, "stops
 * execution of the calling thread and does not return": Microsoft's documentation) — through JNA, not through a
 * {@code /bin/kill} that Windows does not have ({@link Host#selfKill}: the calls live in {@code engine.platform}).
 * Only where that call cannot be made does it halt, which writes the record.
 */
public final class TrainingRun {

    /** The exit code where this JVM sets one itself (Windows, or the halt): as if ended by SIGTERM. */
    static final int EXIT_CODE = 143;

    private TrainingRun() {
    }

    /** Ends this JVM at once without writing its record: the OS's own kill of this process, else halt. */
    public static void abandon() {
        abandon(Host.selfKill(Os.current(), EXIT_CODE), code -> Runtime.getRuntime().halt(code));
    }

    /** Tries {@code kill}; only if this JVM is still running after it, {@code halt}s with {@link #EXIT_CODE}. */
    static void abandon(SelfKill kill, IntConsumer halt) {
        try {
            kill.now();
        } catch (Throwable e) { // no JNA, no such library or function here: halt is what is left
            // fall through
        }
        halt.accept(EXIT_CODE);
    }
}
