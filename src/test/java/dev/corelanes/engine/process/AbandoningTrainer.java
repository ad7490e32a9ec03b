package dev.corelanes.engine.process;

/**
 * A stand-in trainer for TrainingRunTest: a JVM recording a training run ({@code -XX:AOTMode=record}) that does a
 * little work and then ends as its argument says — {@code abandon} ({@link TrainingRun#abandon}) or {@code halt}
 * ({@link Runtime#halt}, which still writes the record).
 */
public final class AbandoningTrainer {

    private AbandoningTrainer() {
    }

    public static void main(String[] args) {
        long sum = java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).mapToLong(String::length).sum();
        System.out.println("worked " + sum);
        System.out.flush();
        if (args.length > 0 && args[0].equals("abandon")) {
            TrainingRun.abandon();
        }
        Runtime.getRuntime().halt(TrainingRun.EXIT_CODE);
    }
}
