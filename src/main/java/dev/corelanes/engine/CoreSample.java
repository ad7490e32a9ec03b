package dev.corelanes.engine;

/**
 * One reading of the core a task's thread was on, the evidence the per-core lanes are built from.
 *
 * @param nanos when the core was read (run timeline)
 * @param core  the logical CPU, or {@link Span#NO_CORE} when this OS cannot say
 * @param kind  what the reading marks
 */
public record CoreSample(long nanos, int core, Kind kind) {

    public enum Kind {
        /** The task starts running here (task start, or resumed after a GIL wait): no work came before it. */
        BEGIN('b'),
        /** Read after one sampling period of work: that work ran just before it. */
        SAMPLE('s'),
        /** The task stops running here (task end, cancel, or gives up the GIL); the core is the last one read. */
        END('e'),
        /**
         * The last clock reading before the thread was taken off the CPU while it wanted to run (a preemption seen
         * inside a chunk of work, see {@link TaskBody}); the core is the last one read. Preempted until the next
         * {@link #ON}.
         */
        OFF('o'),
        /** The first clock reading after such a preemption, with the core read afresh: no work came before it. */
        ON('n');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        /** One letter for the worker protocol. */
        public char code() {
            return code;
        }

        public static Kind of(char code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown sample kind '" + code + "'");
        }
    }

    public CoreSample {
        if (kind == null || core < Span.NO_CORE) {
            throw new IllegalArgumentException("bad core sample " + core + " " + kind);
        }
    }
}
