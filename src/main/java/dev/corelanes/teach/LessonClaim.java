package dev.corelanes.teach;

/**
 * What a lesson expects its steps to show, in a form its measured steps can be checked against: the
 * lesson's text is the claim, {@link LessonReport} says whether this machine's runs showed it and why.
 * Steps are numbered from 0, in the lesson's order.
 */
public sealed interface LessonClaim {

    /**
     * Step {@code faster} takes less wall time than step {@code slower}: by about the ratio of their ideal
     * times (more cores, overlapping waits), or at all when their ideals are the same (a cost saved, such as
     * starting processes).
     */
    record Faster(int slower, int faster) implements LessonClaim {
    }

    /** Steps {@code a} and {@code b} take about the same wall time (within {@link LessonReport#SIMILAR}). */
    record Similar(int a, int b) implements LessonClaim {
    }

    /** Step {@code step} comes close to its ideal time (efficiency at least {@link LessonReport#NEAR_IDEAL}). */
    record NearIdeal(int step) implements LessonClaim {
    }

    /**
     * Step {@code step} is the student's own program: nothing is claimed of it in advance (they may have changed
     * anything), so it is never checked; the card says what it measured, from its figures.
     */
    record OwnProgram(int step) implements LessonClaim {
    }

    /** True for a claim the runs can show or not; false for one that only reports what was measured. */
    default boolean checks() {
        return !(this instanceof OwnProgram);
    }

    /** The steps this claim compares. */
    default int[] steps() {
        return switch (this) {
            case Faster f -> new int[] {f.slower(), f.faster()};
            case Similar s -> new int[] {s.a(), s.b()};
            case NearIdeal n -> new int[] {n.step()};
            case OwnProgram o -> new int[] {o.step()};
        };
    }
}
