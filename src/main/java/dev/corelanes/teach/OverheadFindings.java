package dev.corelanes.teach;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import dev.corelanes.view.OverheadChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the overhead lab's figures show, in words: a headline and a few sentences, each derived from the
 * medians just measured. Nothing is claimed that the figures do not show: where a pipe round trip comes out
 * cheaper than a thread hand-off on this machine, the text says so and why.
 *
 * @param headline    one sentence for the top of the window and of the CLI output
 * @param explanation the sentences behind it, in reading order
 */
public record OverheadFindings(String headline, List<String> explanation) {

    /** Said before anything was measured. */
    public static final String QUESTION = "What does a thread cost here, and what does a process cost — to start, "
            + "and to pass a message to? Press Measure: each cost is timed many times on this machine.";

    /** Two costs closer than this factor are called "about the same": the spread between runs is that large. */
    static final double SAME = 1.5;

    public OverheadFindings {
        explanation = List.copyOf(explanation);
    }

    public static OverheadFindings of(List<Measurement> ms) {
        Optional<Double> platform = median(ms, OverheadLab.PLATFORM_THREAD);
        Optional<Double> virtual = median(ms, OverheadLab.VIRTUAL_THREAD);
        Optional<Double> process = median(ms, OverheadLab.NATIVE_PROCESS);
        Optional<Double> jvm = median(ms, OverheadLab.WORKER_JVM);
        Optional<Double> handOff = median(ms, OverheadLab.THREAD_HAND_OFF);
        Optional<Double> queues = median(ms, OverheadLab.THREAD_QUEUES);
        Optional<Double> cat = median(ms, OverheadLab.PIPE_CAT);
        Optional<Double> worker = median(ms, OverheadLab.PIPE_WORKER);

        List<String> head = new ArrayList<>();
        List<String> why = new ArrayList<>();

        // --- creating
        if (platform.isPresent() && process.isPresent()) {
            double r = process.get() / platform.get();
            head.add(r >= SAME ? "starting a process cost " + times(r) + " a thread"
                    : r <= 1 / SAME ? "starting a process cost less than a thread"
                    : "starting a process cost about as much as a thread");
            why.add(r >= SAME
                    ? "Starting a process (" + d(process) + " for the smallest program) cost " + times(r)
                    + " starting a platform thread (" + d(platform) + "): the OS builds a whole new address space, "
                    + "a thread only a stack."
                    : "Starting a process (" + d(process) + ") cost about as much as a platform thread (" + d(platform)
                    + ") here.");
        }
        if (virtual.isPresent() && platform.isPresent()) {
            double r = platform.get() / virtual.get();
            why.add(r >= SAME
                    ? "A virtual thread (" + d(virtual) + ") was " + times(r) + " cheaper than a platform thread: "
                    + "the JVM creates it without asking the OS."
                    : "A virtual thread (" + d(virtual) + ") cost about as much as a platform thread (" + d(platform)
                    + ") here.");
        }
        if (jvm.isPresent()) {
            why.add("A CoreLanes worker JVM took " + d(jvm) + " to start and say hello: a whole runtime, not just "
                    + "a process.");
        }

        // --- talking
        Optional<Double> cheapestThread = min(handOff, queues);
        if (cheapestThread.isPresent() && cat.isPresent()) {
            double r = cat.get() / cheapestThread.get();
            head.add(r >= SAME ? "a message through a pipe cost " + times(r) + " a hand-off between threads"
                    : r <= 1 / SAME ? "a message through a pipe was CHEAPER than a hand-off between threads"
                    : "a message cost about the same between processes as between threads");
            String threads = handOff.isPresent() && queues.isPresent()
                    ? "between threads " + d(handOff) + " (park/unpark, the cheapest hand-off) and " + d(queues)
                    + " (through two queues)"
                    : "between threads " + d(cheapestThread);
            why.add("A round trip " + threads + "; through a pipe to another process (cat) " + d(cat) + ".");
            if (queues.isPresent() && cat.get() < queues.get()) {
                boolean likeAWakeUp = handOff.isPresent() && cat.get() <= SAME * handOff.get();
                why.add("Why the pipe beat the queues: the receiver, process or thread, sleeps until the kernel wakes it. "
                        + "A pipe is a kernel buffer: write() copies a byte and wakes the reader"
                        + (likeAWakeUp ? " — about what the bare hand-off costs (" + d(handOff) + "), so the "
                        + "wake-up is most of the cost either way" : "")
                        + ". The queues add their own bookkeeping (a node per message, spinning before they "
                        + "sleep, two of them per round trip) on top of the same wake-ups.");
            } else if (r >= SAME) {
                why.add("The pipe costs more: each message is copied into the kernel and out again, on top of "
                        + "waking the other side.");
            }
            if (r < SAME && process.isPresent() && platform.isPresent() && process.get() >= SAME * platform.get()) {
                why.add("So a process costs more to START; once it runs, talking to it need not cost more than "
                        + "talking to a thread.");
            }
        }
        if (worker.isPresent() && cat.isPresent()) {
            why.add("Through the worker protocol (a text line each way, parsed in Java on both sides, as the worker "
                    + "JVMs talk): " + d(worker) + (worker.get() >= SAME * cat.get()
                    ? ", " + times(worker.get() / cat.get()) + " the bare pipe." : ", about the bare pipe's cost."));
        }
        if (head.isEmpty()) {
            return new OverheadFindings("Not enough was measured here to compare threads and processes.", why);
        }
        String h = String.join("; ", head);
        return new OverheadFindings("On this machine " + h + ".", why);
    }

    private static Optional<Double> median(List<Measurement> ms, String name) {
        return ms.stream().filter(m -> m.name().equals(name) && m.available() && !m.samplesNanos().isEmpty())
                .map(Measurement::medianNanos).findFirst();
    }

    private static Optional<Double> min(Optional<Double> a, Optional<Double> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : Optional.of(Math.min(a.get(), b.get()));
    }

    private static String d(Optional<Double> nanos) {
        return OverheadChart.duration(nanos.orElseThrow());
    }

    /** "×1.8", "×25", "×1 200": a ratio read aloud. */
    static String times(double r) {
        return r < 10 ? String.format(Locale.ROOT, "×%.1f", r) : String.format(Locale.ROOT, "×%,.0f", r)
                .replace(',', ' ');
    }
}
