package dev.corelanes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run held against the kernel's record of the same minutes ({@code sched-truth record}'s JSON: every thread's
 * on-CPU intervals per CPU, in seconds from the command's start), by thread id: for each worker with a recorded
 * {@code tid}, the seconds CoreLanes drew it running on the same CPU at the same time as the kernel says that thread
 * ran, over the larger of the two totals within the worker's drawn time — the score {@code sched-truth compare}
 * prints.
 *
 * <p>The two clocks are lined up by the threads themselves: the offset is the one, between
 * {@link #EARLIEST_OFFSET} and {@link #LATEST_OFFSET} seconds, at which each worker's drawn running time overlaps
 * its own kernel thread (matched by id) the most in all — found on 0.5 ms bins, then refined to
 * {@value #STEP} s on the exact intervals. sched-truth's compare cross-correlates each worker with every thread of
 * the machine instead, and can lock onto a wrong lag when a run has many short threads that look alike (a traced
 * shell script), which is why traced rows could not be scored with it.
 */
final class KernelAgreement {

    /** The run's time 0 comes after its JVM started: kernel seconds = run seconds + an offset in this range. */
    static final double EARLIEST_OFFSET = -0.5;
    static final double LATEST_OFFSET = 10;
    /** A worker that ran (and was drawn running) less than this is not scored: too brief to tell. */
    static final double BRIEF_SECONDS = 0.01;
    private static final double BIN = 0.0005;
    private static final double STEP = 0.00002;

    /** One worker's score. */
    record Score(String worker, long tid, double kernelSeconds, double drawnSeconds, double sameSeconds) {
        double agreement() {
            return sameSeconds / Math.max(Math.max(kernelSeconds, drawnSeconds), 1e-9);
        }
    }

    /** The scores, the offset used (kernel seconds = run seconds + offset), and workers that could not be matched. */
    record Result(List<Score> scores, double offsetSeconds, List<String> unmatched) {
        double median() {
            List<Double> a = scores.stream().map(Score::agreement).sorted().toList();
            return a.isEmpty() ? Double.NaN : a.get(a.size() / 2);
        }

        double min() {
            return scores.stream().mapToDouble(Score::agreement).min().orElse(Double.NaN);
        }

        /**
         * All workers together, weighted by their time: the seconds drawn right over the larger totals summed — how
         * much of the run's CPU time is where and when the kernel says. A traced JVM's dozen idle service threads
         * weigh nothing here, where they are most of a median.
         */
        double weighted() {
            double same = 0;
            double larger = 0;
            for (Score s : scores) {
                same += s.sameSeconds();
                larger += Math.max(s.kernelSeconds(), s.drawnSeconds());
            }
            return larger <= 0 ? Double.NaN : same / larger;
        }
    }

    private KernelAgreement() {
    }

    /** One thread of the kernel's record: its id, its process's, its name, and its on-CPU intervals {cpu, start, end}. */
    record KernelThread(long tid, long tgid, String name, List<double[]> intervals) {
    }

    /** Seconds of the record's start or end with no context switch of any thread: a record cut short. */
    static final double CUT_SECONDS = 0.05;

    /**
     * Why the record does not cover its whole command, or "": tracefs is one buffer for the whole machine, and
     * another {@code sched-truth record} started meanwhile empties it (its start) or stops it (its end). With two
     * CPUs busy some thread switches every few milliseconds, so a record with no switch in its first or last 50 ms
     * was cut. Such a record scores a run far too low (a Java-threads run 0.18–0.39 against a record that began 5.3 s
     * into its 7.4 s; runs of that mode score ~0.98).
     */
    static String cut(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        double seconds = root.path("seconds").asDouble();
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        for (JsonNode t : root.path("threads")) {
            for (JsonNode i : t.path("intervals")) {
                first = Math.min(first, i.get(1).asDouble());
                last = Math.max(last, i.get(2).asDouble());
            }
        }
        if (first > CUT_SECONDS || last < seconds - CUT_SECONDS) {
            return String.format(java.util.Locale.ROOT, "the kernel's record covers %.2f-%.2f s of %.2f s "
                    + "(another sched-truth ran meanwhile?)", Math.max(0, Math.min(first, seconds)), Math.max(0, last), seconds);
        }
        return "";
    }

    /** The kernel's record, by thread id. */
    static Map<Long, KernelThread> readKernel(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<Long, KernelThread> out = new HashMap<>();
        for (JsonNode t : root.path("threads")) {
            List<double[]> iv = new ArrayList<>();
            for (JsonNode i : t.path("intervals")) {
                iv.add(new double[] {i.get(0).asDouble(), i.get(1).asDouble(), i.get(2).asDouble()});
            }
            long tid = t.path("tid").asLong();
            out.put(tid, new KernelThread(tid, t.path("tgid").asLong(-1), t.path("name").asText("?"), iv));
        }
        return out;
    }

    /**
     * What a worker is held against: its own thread (by tid), or, for a worker with no thread of its own (a
     * virtual thread runs on whichever carrier is free), every thread of its process, the best of them scoring it.
     */
    private record Candidates(WorkerInfo worker, List<KernelThread> threads) {
        /** Their intervals together: on one CPU, one thread at a time, so they never overlap. */
        List<double[]> intervals() {
            List<double[]> all = new ArrayList<>();
            threads.forEach(t -> all.addAll(t.intervals()));
            return all;
        }
    }

    static Result compare(Map<Long, KernelThread> kernel, Trace run) {
        Map<String, List<double[]>> drawn = new HashMap<>();
        for (Span s : run.spans()) {
            if (s.state() == SpanState.RUNNING && s.hasCore() && s.endNanos() > s.startNanos()) {
                drawn.computeIfAbsent(s.worker(), k -> new ArrayList<>())
                        .add(new double[] {s.core(), s.startSeconds(), s.endSeconds()});
            }
        }
        List<Candidates> matched = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (WorkerInfo w : run.workers()) {
            if (!drawn.containsKey(w.name())) {
                continue; // never drawn running: nothing to hold against the kernel
            }
            KernelThread own = w.tid() > 0 ? kernel.get(w.tid()) : null;
            List<KernelThread> threads = own != null ? List.of(own)
                    : w.tid() <= 0 && w.pid() > 0 ? kernel.values().stream().filter(t -> t.tgid() == w.pid()).toList()
                    : List.of();
            if (threads.stream().allMatch(t -> t.intervals().isEmpty())) {
                unmatched.add(w.name());
                continue;
            }
            matched.add(new Candidates(w, threads));
        }
        if (matched.isEmpty()) {
            return new Result(List.of(), Double.NaN, unmatched);
        }
        // Coarse: per worker and CPU, the drawn bins against its kernel threads' bins at every shift.
        double kernelEnd = 0;
        for (Candidates c : matched) {
            for (double[] k : c.intervals()) {
                kernelEnd = Math.max(kernelEnd, k[2]);
            }
        }
        int bins = (int) Math.ceil(kernelEnd / BIN) + 2;
        int lowShift = (int) Math.floor(EARLIEST_OFFSET / BIN);
        int highShift = (int) Math.ceil(LATEST_OFFSET / BIN);
        long[] total = new long[highShift - lowShift + 1];
        for (Candidates c : matched) {
            Map<Integer, boolean[]> k = new HashMap<>();
            for (double[] i : c.intervals()) {
                boolean[] b = k.computeIfAbsent((int) i[0], x -> new boolean[bins]);
                for (int x = Math.max(0, (int) (i[1] / BIN)); x < Math.min(bins, (int) Math.ceil(i[2] / BIN)); x++) {
                    b[x] = true;
                }
            }
            for (double[] d : drawn.get(c.worker().name())) {
                boolean[] b = k.get((int) d[0]);
                if (b == null) {
                    continue;
                }
                int from = (int) Math.floor(d[1] / BIN);
                int to = (int) Math.ceil(d[2] / BIN);
                for (int x = from; x < to; x++) {
                    for (int sh = lowShift; sh <= highShift; sh++) {
                        int y = x + sh;
                        if (y >= 0 && y < bins && b[y]) {
                            total[sh - lowShift]++;
                        }
                    }
                }
            }
        }
        int bestShift = 0;
        for (int i = 1; i < total.length; i++) {
            if (total[i] > total[bestShift]) {
                bestShift = i;
            }
        }
        double guess = (bestShift + lowShift) * BIN;
        // Fine: the exact overlap, within two bins of the coarse offset.
        double best = guess;
        double bestOverlap = -1;
        for (double o = guess - 2 * BIN; o <= guess + 2 * BIN + 1e-12; o += STEP) {
            double same = 0;
            for (Candidates c : matched) {
                same += score(c.worker(), drawn.get(c.worker().name()), c.intervals(), o).sameSeconds();
            }
            if (same > bestOverlap) {
                bestOverlap = same;
                best = o;
            }
        }
        List<Score> scores = new ArrayList<>();
        for (Candidates c : matched) {
            Score sc = null;
            for (KernelThread t : c.threads()) {
                Score x = score(c.worker(), drawn.get(c.worker().name()), t.intervals(), best);
                if (sc == null || x.sameSeconds() > sc.sameSeconds()) {
                    sc = new Score(x.worker(), t.tid(), x.kernelSeconds(), x.drawnSeconds(), x.sameSeconds());
                }
            }
            if (Math.max(sc.kernelSeconds(), sc.drawnSeconds()) >= BRIEF_SECONDS) {
                scores.add(sc); // as sched-truth, a thread that ran under 10 ms is too brief to score
            }
        }
        return new Result(scores, best, unmatched);
    }

    /** One worker against its kernel thread, the run's times moved by {@code offset}. */
    static Score score(WorkerInfo w, List<double[]> drawn, List<double[]> kernel, double offset) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double drawnTotal = 0;
        for (double[] d : drawn) {
            lo = Math.min(lo, d[1] + offset);
            hi = Math.max(hi, d[2] + offset);
            drawnTotal += d[2] - d[1];
        }
        double kernelTotal = 0;
        double same = 0;
        for (double[] k : kernel) {
            double ks = Math.max(k[1], lo);
            double ke = Math.min(k[2], hi);
            if (ke <= ks) {
                continue;
            }
            kernelTotal += ke - ks;
            for (double[] d : drawn) {
                if (d[0] != k[0]) {
                    continue;
                }
                double s = Math.max(ks, d[1] + offset);
                double e = Math.min(ke, d[2] + offset);
                if (e > s) {
                    same += e - s;
                }
            }
        }
        return new Score(w.name(), w.tid(), kernelTotal, drawnTotal, same);
    }
}
