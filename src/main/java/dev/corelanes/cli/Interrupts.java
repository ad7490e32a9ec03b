package dev.corelanes.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command works. The first one stops the work — the run is cancelled and
 * the command goes on to print and write what it measured, in its own time (a JVM shutdown hook had a fixed
 * budget, and a run of 100 000 virtual threads or a big export outlived it: nothing was written, temporary files
 * were left behind). A second one abandons: it runs the command's {@code abandon} (remove temporary files) and
 * the program exits with 130 at once (its shutdown hooks still kill the child processes).
 *
 * <p>Signals are taken over through {@code sun.misc.Signal} (module jdk.unsupported), found by reflection so that
 * a runtime without it still works: {@link #installed()} is then false and the JVM's own handling (shutdown hooks)
 * stays. A signal the program was started with ignored (a background job of a script, {@code nohup}) stays
 * ignored, as the shell meant.
 */
final class Interrupts implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Runnable stop;
    private final Runnable abandon;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Object[]> previous = new ArrayList<>(); // {Signal, old handler}
    private volatile Runnable onStop;
    private volatile String name = "";

    private Interrupts(Runnable stop, Runnable abandon) {
        this.stop = stop;
        this.abandon = abandon;
    }

    /**
     * Takes over SIGINT and SIGTERM: {@code stop} runs on the first, {@code abandon} then exit 130 on the second.
     * Both run on the JVM's signal thread and must not block.
     */
    static Interrupts install(Runnable stop, Runnable abandon) {
        Interrupts i = new Interrupts(stop, abandon);
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object ignored = handlerType.getField("SIG_IGN").get(null);
            Method handle = signal.getMethod("handle", signal, handlerType);
            Method getName = signal.getMethod("getName");
            Object handler = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            i.name = "SIG" + getName.invoke(args[0]);
                            i.signalled();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "corelanes interrupts";
                        };
                    });
            for (String s : SIGNALS) {
                Object sig;
                try {
                    sig = signal.getConstructor(String.class).newInstance(s);
                } catch (InvocationTargetException e) {
                    continue; // no such signal on this OS
                }
                Object old = handle.invoke(null, sig, handler);
                if (old == ignored) {
                    handle.invoke(null, sig, old); // started with it ignored: leave it so
                } else {
                    i.previous.add(new Object[] {sig, old});
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            i.close();
            i.previous.clear();
        }
        return i;
    }

    /** True when SIGINT is handled here (else the JVM's shutdown hooks run on it, as before). */
    boolean installed() {
        return !previous.isEmpty();
    }

    /** True once a signal came. */
    boolean interrupted() {
        return count.get() > 0;
    }

    /** "SIGINT" or "SIGTERM": the signal that came first, for messages. */
    String signalName() {
        return name;
    }

    /** What the first signal does from now on (a phase of the command: cancel the run, stop waiting). */
    void onStop(Runnable action) {
        onStop = action;
    }

    private void signalled() {
        if (count.incrementAndGet() == 1) {
            Runnable r = onStop != null ? onStop : stop;
            r.run();
            return;
        }
        try {
            abandon.run();
        } finally {
            System.exit(Cli.INTERRUPTED); // the shutdown hooks still kill every child process
        }
    }

    /** Gives the signals back to the JVM's own handling. */
    @Override
    public void close() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (Object[] p : previous) {
                handle.invoke(null, p[0], p[1]);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // the JVM is exiting anyway
        }
    }
}
