package dev.corelanes.engine.lab;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The child side of the memory lab ({@code corelanes --counter-worker K}): increments its OWN counter K
 * times, reporting what it sees, and finally its total and its own memory, resident and unique (bytes; -1
 * where the OS does not tell), read while it is still alive. It shares nothing with the parent or its
 * siblings: the parent learns the value only because it is sent over the pipe.
 *
 * <pre>
 * seen 12000          (every ~5 % of the way)
 * done 200000 rss 38654976 unique 30146560
 * </pre>
 * It exits by itself if the parent goes away (its stdin closes).
 */
public final class CounterWorker {

    private static volatile long counter;

    private CounterWorker() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        long k;
        try {
            k = Long.parseLong(args.length > 0 ? args[0] : "");
            if (k < 1 || k > 100_000_000L) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            System.err.println("corelanes: --counter-worker needs a count from 1 to 100000000");
            System.exit(2);
            return;
        }
        Thread.ofPlatform().daemon(true).name("parent-watch").start(CounterWorker::exitWhenParentGoes);
        long every = Math.max(1, k / 20);
        for (long i = 1; i <= k; i++) {
            counter++;
            if (i % every == 0) {
                out.println("seen " + counter);
                out.flush();
            }
        }
        out.println("done " + counter + " rss " + ResidentMemory.ofSelf() + " unique " + ResidentMemory.uniqueOfSelf());
        out.flush();
        System.exit(0);
    }

    private static void exitWhenParentGoes() {
        try {
            while (System.in.read() >= 0) {
                // the parent sends nothing; EOF means it has gone
            }
        } catch (IOException e) {
            // same as EOF
        }
        Runtime.getRuntime().halt(3);
    }
}
