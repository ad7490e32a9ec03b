package dev.corelanes.engine.lab;

import java.util.List;

/**
 * The end of a counter experiment. For threads, {@code finalValues} has one entry: the one shared counter;
 * for processes, one per child: each child's own copy, as it reported it over its pipe.
 *
 * @param expected        what the counter(s) would hold if no update was lost
 * @param parentSees      what the parent's own counter holds afterwards (processes never touch it)
 * @param residentBytes   resident memory per worker: the one process for threads, each child for processes
 */
public record CounterResult(boolean processes, CounterGuard guard, int workers, long perWorker, long expected,
                            List<Long> finalValues, long parentSees, List<Long> residentBytes, long elapsedNanos) {

    public CounterResult {
        finalValues = List.copyOf(finalValues);
        residentBytes = List.copyOf(residentBytes);
    }

    /** Updates lost to the race (threads without a lock); 0 for processes, each has its own counter. */
    public long lost() {
        return processes ? 0 : expected - finalValues.get(0);
    }
}
