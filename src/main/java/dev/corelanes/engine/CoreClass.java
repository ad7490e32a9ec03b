package dev.corelanes.engine;

/**
 * The class of a logical CPU on a hybrid processor: Apple's performance/efficiency cores, Intel's
 * P-cores/E-cores. A machine with one kind of core has no classes at all (see {@link MachineInfo#cpuClasses()}).
 */
public enum CoreClass {
    PERFORMANCE("P"),
    EFFICIENCY("E");

    private final String letter;

    CoreClass(String letter) {
        this.letter = letter;
    }

    /** "P" or "E", for lane labels. */
    public String letter() {
        return letter;
    }
}
