package dev.corelanes.engine.platform.linux;

import dev.corelanes.engine.platform.CoreProbe;
import dev.corelanes.engine.platform.Os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Linux's {@code sched_getcpu()} through the JDK's own foreign function API (Java 22+), so that a worker
 * process loads no JNA: JNA's start — extracting {@code libjnidispatch} to a temp file, loading it,
 * registering the method — was about half of what a worker JVM took beyond a bare one (benchmarks.md).
 *
 * <p>The Java 22 half of a multi-release pair: the Java 21 {@code ForeignProbe} in {@code src/main/java}
 * answers empty. Public members only, so that a test can load this class in a loader of its own.
 */
public final class ForeignProbe implements CoreProbe {

    private final MethodHandle schedGetcpu;

    private ForeignProbe(MethodHandle schedGetcpu) {
        this.schedGetcpu = schedGetcpu;
    }

    /** The probe, or empty off Linux or when the foreign API refuses (then the caller uses JNA). */
    public static Optional<CoreProbe> linux() {
        if (!Os.current().isLinux()) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            // Critical: the call neither blocks nor calls back, so the JVM skips the thread-state change
            // around it.
            return linker.defaultLookup().find("sched_getcpu")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT),
                            Linker.Option.critical(false)))
                    .map(ForeignProbe::new);
        } catch (RuntimeException | LinkageError e) {
            // IllegalCallerException: native access is denied to this code (--illegal-native-access=deny)
            return Optional.empty();
        }
    }

    @Override
    public int currentCore() {
        try {
            return (int) schedGetcpu.invokeExact();
        } catch (Throwable e) { // a downcall of int(void) throws nothing; the compiler cannot know
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String description() {
        return "sched_getcpu()";
    }
}
