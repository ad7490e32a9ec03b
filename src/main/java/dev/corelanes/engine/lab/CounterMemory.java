package dev.corelanes.engine.lab;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the workers of a counter run cost in memory, measured like with like: what one more worker adds.
 * Every figure is -1 (and every derived one empty) where the OS does not tell.
 *
 * <ul>
 *   <li>Threads live in this process: their cost is how much its resident memory grew from just before they
 *   started ({@code beforeBytes}) to when all of them were running, each on its own stack ({@code whileBytes}).
 *   The rest of the process (the JVM, and in the window the window itself) was there before them and is
 *   theirs only to share.</li>
 *   <li>Each process has its own memory: {@code residentBytes} is each child's resident set as it reported it
 *   while alive, {@code uniqueBytes} the part no other process maps (Private_Clean + Private_Dirty), what one
 *   more process really adds to the machine.</li>
 * </ul>
 */
public record CounterMemory(boolean processes, int workers, long beforeBytes, long whileBytes,
                            List<Long> residentBytes, List<Long> uniqueBytes) {

    public CounterMemory {
        residentBytes = List.copyOf(residentBytes);
        uniqueBytes = List.copyOf(uniqueBytes);
    }

    public static CounterMemory threads(int workers, long beforeBytes, long whileBytes) {
        return new CounterMemory(false, workers, beforeBytes, whileBytes, List.of(), List.of());
    }

    public static CounterMemory processes(List<Long> residentBytes, List<Long> uniqueBytes) {
        if (residentBytes.size() != uniqueBytes.size()) {
            throw new IllegalArgumentException("a resident and a unique figure per child");
        }
        return new CounterMemory(true, residentBytes.size(), -1, -1, residentBytes, uniqueBytes);
    }

    /**
     * What the workers added in all: for threads the process's growth (it can come out at or below zero when
     * other work in the process freed memory meanwhile), for processes the sum of their unique memory.
     */
    public OptionalLong addedBytes() {
        if (!processes) {
            return beforeBytes >= 0 && whileBytes >= 0 ? OptionalLong.of(whileBytes - beforeBytes)
                    : OptionalLong.empty();
        }
        return sum(uniqueBytes);
    }

    /** What one more worker added, on average: {@link #addedBytes()} ÷ workers. */
    public OptionalDouble perWorkerBytes() {
        OptionalLong added = addedBytes();
        return added.isPresent() && workers > 0 ? OptionalDouble.of((double) added.getAsLong() / workers)
                : OptionalDouble.empty();
    }

    /** Processes: their resident memory in all (shared pages counted in each); empty for threads or unknown. */
    public OptionalLong residentTotal() {
        return processes ? sum(residentBytes) : OptionalLong.empty();
    }

    private static OptionalLong sum(List<Long> bytes) {
        if (bytes.isEmpty() || bytes.stream().anyMatch(b -> b < 0)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes.stream().mapToLong(Long::longValue).sum());
    }
}
