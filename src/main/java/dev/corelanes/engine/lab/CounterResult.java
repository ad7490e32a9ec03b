package dev.corelanes.engine.lab;

import java.util.List;

/**
 * The end of a counter experiment. For threads, {@code finalValues} has one entry: the one shared counter;
 * for processes, one per child: each child's own copy, as it reported it over its pipe.
 *
 * @param expected   what the counter(s) would hold if no update was lost
 * @param parentSees what the parent's own counter holds afterwards (processes never touch it)
 * @param memory     what the workers cost in memory, measured like with like
 */
public record CounterResult(boolean processes, CounterGuard guard, int workers, long perWorker, long expected,
                            List<Long> finalValues, long parentSees, CounterMemory memory, long elapsedNanos) {

    public CounterResult {
        finalValues = List.copyOf(finalValues);
    }

    /** Updates lost to the race (threads without a lock); 0 for processes, each has its own counter. */
    public long lost() {
        return processes ? 0 : expected - finalValues.get(0);
    }
}
