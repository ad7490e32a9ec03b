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
 * medians just measured — the same medians the bars show. Every comparison names both figures and is made by
 * {@link #compare} or {@link #strictly}, so no sentence can rank two costs the other way round from the bars:
 * where a round trip between threads costs more than one through a pipe (it happens on a busy machine), the
 * text says so.
 *
 * @param headline    one sentence for the top of the window and of the CLI output
 * @param explanation the sentences behind it, in reading order
 */
public record OverheadFindings(String headline, List<String> explanation) {

    /** Said before anything was measured. */
    public static final String QUESTION = "What does a thread cost here, and what does a process cost — to start, "
            + "and to pass a message to? Press Measure: each cost is timed many times on this machine.";

    /** Two costs closer than this factor are called "about as much": the spread between runs is that large. */
    static final double SAME = 1.5;

    /** Why a round trip between threads can cost more than one between processes (as measured, not assumed). */
    private static final String INVERTED = ": talking to a thread is not cheaper by itself — the receiver, thread "
            + "or process, sleeps until the kernel wakes it and then waits for a free CPU, longer while other "
            + "programs keep the CPUs busy";

    public OverheadFindings {
        explanation = List.copyOf(explanation);
    }

    /** One measured median and how a sentence names it ("starting a platform thread"). */
    record Figure(String what, double nanos) {
        String shown() {
            return what + " (" + OverheadChart.duration(nanos) + ")";
        }
    }

    public static OverheadFindings of(List<Measurement> ms) {
        Optional<Figure> platform = figure(ms, OverheadLab.PLATFORM_THREAD, "starting a platform thread");
        Optional<Figure> virtual = figure(ms, OverheadLab.VIRTUAL_THREAD, "starting a virtual thread");
        Optional<Figure> process = figure(ms, OverheadLab.NATIVE_PROCESS, "starting a native process");
        Optional<Figure> jvm = figure(ms, OverheadLab.WORKER_JVM, "starting a worker JVM until it said hello");
        // Named as the bars are, so each figure in the text is found on the chart.
        Optional<Figure> park = figure(ms, OverheadLab.THREAD_HAND_OFF, "the thread round trip with park/unpark");
        Optional<Figure> queues = figure(ms, OverheadLab.THREAD_QUEUES, "the thread round trip through 2 queues");
        Optional<Figure> cat = figure(ms, OverheadLab.PIPE_CAT, "the pipe round trip to cat");
        Optional<Figure> worker = figure(ms, OverheadLab.PIPE_WORKER, "the pipe round trip to a worker JVM");

        List<String> head = new ArrayList<>();
        List<String> why = new ArrayList<>();

        // --- starting
        if (process.isPresent() && platform.isPresent()) {
            double r = ratio(process, platform);
            head.add(compare(process.get(), platform.get()));
            why.add(sentence(compare(process.get(), platform.get()) + (r >= SAME
                    ? ": the OS builds a whole new address space for a process, a thread needs only a stack" : "")));
        }
        if (virtual.isPresent() && platform.isPresent()) {
            double r = ratio(platform, virtual);
            why.add(sentence(compare(virtual.get(), platform.get()) + (r >= SAME
                    ? ": the JVM makes a virtual thread without asking the OS for one" : "")));
        }
        if (jvm.isPresent()) {
            why.add(sentence(process.isEmpty() ? jvm.get().shown() + ": a whole runtime starts, not just a process"
                    : compare(jvm.get(), process.get()) + (ratio(jvm, process) >= SAME
                    ? ": a whole runtime starts, not just a process" : "")));
        }

        // --- talking
        Optional<Figure> cheaperThread = park.isPresent() && queues.isPresent()
                ? Optional.of(park.get().nanos() <= queues.get().nanos() ? park.get() : queues.get())
                : park.isPresent() ? park : queues;
        Optional<Figure> dearerThread = park.isPresent() && queues.isPresent()
                ? Optional.of(park.get().nanos() <= queues.get().nanos() ? queues.get() : park.get())
                : Optional.empty();
        if (park.isPresent() && queues.isPresent()) {
            double r = queues.get().nanos() / park.get().nanos();
            why.add(sentence(compare(queues.get(), park.get()) + (r >= SAME
                    ? ": the queues add their own bookkeeping (a node per message, two queues per round trip) on "
                    + "top of the same wake-ups"
                    : r <= 1 / SAME ? ": a SynchronousQueue spins a moment before it parks, so while both threads "
                    + "have a CPU the value passes without the kernel waking anyone; the park/unpark round trip "
                    + "parks at once and waits for the kernel to wake it" : "")));
        }
        if (cheaperThread.isPresent() && cat.isPresent()) {
            Figure thread = cheaperThread.get();
            Figure pipe = cat.get();
            double r = pipe.nanos() / thread.nanos();
            // Named "the cheaper" only when there were two to choose from: a comparative read off the figures.
            Figure named = dearerThread.isPresent() ? new Figure(thread.what().replaceFirst("^the thread",
                    "the cheaper thread"), thread.nanos()) : thread;
            boolean pipeCheapest = strictlyMore(thread, pipe);
            String talk = pipeCheapest ? strictly(pipe, named) : compare(pipe, named);
            head.add(talk);
            why.add(sentence(talk + (pipeCheapest ? INVERTED : r >= SAME
                    ? ": each message is copied into the kernel and out again, on top of waking the other side"
                    : ": either way the receiver sleeps until the kernel wakes it, thread or process alike, and a "
                    + "pipe adds only the copy of one byte")));
            // A round trip between threads dearer than the pipe's: said outright, in the headline too.
            if (!pipeCheapest && dearerThread.isPresent() && strictlyMore(dearerThread.get(), pipe)) {
                String claim = strictly(dearerThread.get(), pipe);
                head.add(claim);
                why.add(sentence(claim + INVERTED));
            }
            if (r < SAME && process.isPresent() && platform.isPresent() && ratio(process, platform) >= SAME) {
                why.add("So a process costs more to START; once it runs, talking to it need not cost more than "
                        + "talking to a thread.");
            }
        }
        if (worker.isPresent() && cat.isPresent()) {
            why.add(sentence(compare(worker.get(), cat.get()) + (ratio(worker, cat) >= SAME
                    ? ": each message is a text line, formatted and parsed in Java on both sides" : "")));
        }
        if (head.isEmpty()) {
            return new OverheadFindings("Not enough was measured here to compare threads and processes.", why);
        }
        return new OverheadFindings("On this machine " + String.join("; ", head) + ".", why);
    }

    /**
     * "A (x) cost ×r as much as B (y)", "A (x) was ×r cheaper than B (y)", or within {@link #SAME} of each other
     * "A (x) cost about as much as B (y)": the one way two costs are compared.
     */
    static String compare(Figure a, Figure b) {
        double r = a.nanos() / b.nanos();
        if (r >= SAME) {
            return a.shown() + " cost " + times(r) + " as much as " + b.shown();
        }
        if (r <= 1 / SAME) {
            return a.shown() + " was " + times(1 / r) + " cheaper than " + b.shown();
        }
        return a.shown() + " cost about as much as " + b.shown();
    }

    /** Like {@link #compare}, but two close costs are ranked: "A (x) cost more than B (y)". */
    static String strictly(Figure a, Figure b) {
        double r = a.nanos() / b.nanos();
        if (r >= SAME || r <= 1 / SAME || !strictlyMore(a, b) && !strictlyMore(b, a)) {
            return compare(a, b);
        }
        return a.shown() + (strictlyMore(a, b) ? " cost more than " : " cost less than ") + b.shown();
    }

    /** Whether {@code a} costs more, as the bars show it: two medians written the same are not ranked. */
    static boolean strictlyMore(Figure a, Figure b) {
        return a.nanos() > b.nanos()
                && !OverheadChart.duration(a.nanos()).equals(OverheadChart.duration(b.nanos()));
    }

    private static double ratio(Optional<Figure> a, Optional<Figure> b) {
        return a.orElseThrow().nanos() / b.orElseThrow().nanos();
    }

    private static Optional<Figure> figure(List<Measurement> ms, String name, String what) {
        return ms.stream().filter(m -> m.name().equals(name) && m.available() && !m.samplesNanos().isEmpty())
                .map(m -> new Figure(what, m.medianNanos())).filter(f -> f.nanos() > 0).findFirst();
    }

    private static String sentence(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1) + ".";
    }

    /** "×1.8", "×25", "×1 200": a ratio read aloud. */
    static String times(double r) {
        return r < 10 ? String.format(Locale.ROOT, "×%.1f", r) : String.format(Locale.ROOT, "×%,.0f", r)
                .replace(',', ' ');
    }
}
