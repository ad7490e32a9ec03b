package dev.corelanes.engine;

import java.time.Instant;

/**
 * What a run's speedup is measured against, chosen once by {@link Baselines#choose} when the run ends and
 * kept with the run (in its run file), so the header, the runs table, a slide and a restart all show the
 * same figure. A later run never changes it.
 *
 * @param kind   a measured sequential run, the run's total work, or nothing
 * @param run    the sequential run compared with (for a sequential run: itself); null for the other kinds
 * @param why    why no sequential run was used, in words for a student ("the sequential run was measured while
 *               other programs used 74 % of the CPUs, this one 3 %"); empty when one was, or when none of this
 *               workload had been made
 */
public record RunBaseline(Kind kind, Reference run, String why) {

    /** What the speedup divides. */
    public enum Kind {
        /** A completed sequential run of the same workload, in the same runtime, on the same cores. */
        SEQUENTIAL_RUN("vs sequential"),
        /** The tasks' measured CPU time (a compute run with no comparable sequential run). */
        TOTAL_WORK("vs total work"),
        /** No speedup (a sleep run with no comparable sequential run, or a run that did not complete). */
        NONE("");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** "vs sequential", "vs total work", "". */
        public String label() {
            return label;
        }

        /** The run file's name for it: "sequential-run", "total-work", "none". */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown baseline '" + id + "'");
        }
    }

    /**
     * The sequential run a speedup divides, as it was measured: enough to check the figure by hand and to
     * say why it is fair.
     *
     * @param startedAt   when that run started (it names the run in the table and in its file)
     * @param wallNanos   its measured wall time
     * @param otherLoad   other programs' share of the CPUs during it, 0..1, NaN when unknown
     * @param usableCores the CPUs it could use
     * @param runtime     its runtime's label ("Java", "CPython 3.11.7 (GIL)")
     * @param self        true when the run is its own baseline (a sequential run)
     */
    public record Reference(Instant startedAt, long wallNanos, double otherLoad, int usableCores, String runtime,
                            boolean self) {
        public Reference {
            runtime = runtime == null ? "" : runtime;
            otherLoad = otherLoad >= 0 ? Math.min(1, otherLoad) : Double.NaN;
        }

        /** {@code t} as a baseline reference. */
        public static Reference of(Trace t, boolean self) {
            return new Reference(t.startedAt(), t.wallNanos(), t.conditions().otherLoad(), t.machine().usableCores(),
                    t.runtime().label(), self);
        }

        public double wallSeconds() {
            return wallNanos / 1e9;
        }
    }

    /** A run from before baselines were kept with it: compared with its own work alone. */
    public static final RunBaseline UNRECORDED = new RunBaseline(Kind.TOTAL_WORK, null, "");

    public RunBaseline {
        java.util.Objects.requireNonNull(kind, "kind");
        why = why == null ? "" : why;
        if (kind == Kind.SEQUENTIAL_RUN && run == null) {
            throw new IllegalArgumentException("a sequential baseline names its run");
        }
        if (kind != Kind.SEQUENTIAL_RUN) {
            run = null;
        }
    }

    /** The baseline of a sequential run: the run itself. */
    public static RunBaseline self(Trace t) {
        return new RunBaseline(Kind.SEQUENTIAL_RUN, Reference.of(t, true), "");
    }

    /** True when the run is compared with itself (it is the sequential run). */
    public boolean isSelf() {
        return run != null && run.self();
    }
}
