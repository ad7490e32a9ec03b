package dev.corelanes.engine.process;

import java.io.PrintStream;
import java.util.Scanner;

/**
 * A fake child that breaks the protocol in the way its name says ({@code --worker garbage}, …). The parent
 * must fail the task with a clear message, and never crash or hang.
 */
public final class MisbehavingWorker {

    /** Set on a fake child's command line as if it were a start-up cache flag. */
    static final String FAKE_CACHE_PROPERTY = "corelanes.test.fakeCache";
    /** How to misbehave, when the worker's name cannot say it (workers of a run are named P1, P2, …). */
    static final String HOW_PROPERTY = "corelanes.test.how";

    private MisbehavingWorker() {
    }

    public static void main(String[] args) throws Exception {
        String how = System.getProperty(HOW_PROPERTY, args[1]);
        PrintStream out = System.out;
        if (System.getProperty(FAKE_CACHE_PROPERTY) != null) {
            // Stands for a damaged start-up cache: the JVM dies before main would say hello.
            System.err.println("An error has occurred while processing the AOT cache");
            Runtime.getRuntime().halt(1);
        }
        if (how.equals("segv")) {
            crash(); // a real JVM crash: SIGSEGV in native code, with a crash report
        }
        if (how.equals("abort")) {
            new ProcessBuilder("kill", "-ABRT", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
        }
        if (how.equals("silent-exit")) {
            System.err.println("something went badly wrong in the child");
            System.exit(3);
        }
        if (how.equals("mute")) {
            Thread.sleep(60_000); // never says hello
            return;
        }
        out.println("hello corelanes-worker 1 " + ProcessHandle.current().pid());
        out.flush();
        Scanner in = new Scanner(System.in);
        while (in.hasNextLine()) {
            String line = in.nextLine();
            if (line.startsWith("ping ")) {
                out.println("pong " + line.substring(5) + " " + System.nanoTime());
            } else if (line.startsWith("task ")) {
                int task = Integer.parseInt(line.substring(5));
                long t = System.nanoTime();
                switch (how) {
                    case "garbage" -> out.println("start " + task + " " + t + "\nW@RNING: <<binary junk>>");
                    case "huge" -> {
                        out.println("start " + task + " " + t);
                        out.print("span " + task + " running 0 " + "1".repeat(200_000));
                        out.flush();
                        Thread.sleep(60_000); // and never ends the line
                    }
                    case "wrong-task" -> out.println("start " + (task + 1) + " " + t);
                    case "out-of-order" -> out.println("end " + task + " completed 0 " + t);
                    case "bad-numbers" -> out.println("start " + task + " " + t + "\nspan " + task + " running 0 " + t + " " + (t - 5));
                    case "empty" -> out.println("start " + task + " " + t + "\n");
                    case "error" -> out.println("error could not read the core");
                    case "freeze" -> {
                        out.println("start " + task + " " + t);
                        out.flush();
                        Thread.sleep(600_000); // a task that never ends
                    }
                    case "normal" -> out.println("start " + task + " " + t + "\nend " + task + " completed 0 " + t);
                    default -> out.println("end " + task + " completed 0 " + t);
                }
            } else if (line.equals("done") || line.equals("stop")) {
                out.println("bye 0 -1");
                out.flush();
                return;
            }
            out.flush();
        }
    }

    /** Writes to address 0 through Unsafe: the JVM dies of SIGSEGV and writes its crash report. */
    private static void crash() throws Exception {
        java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
    }
}
