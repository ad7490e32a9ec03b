package dev.corelanes.engine;

/**
 * The class of a logical CPU on a hybrid processor: Apple's performance/efficiency cores, Intel's
 * P-cores/E-cores. A machine with one kind of core has no classes at all (see {@link MachineInfo#cpuClasses()}).
 */
public enum CoreClass {
    PERFORMANCE("performance", "P"),
    EFFICIENCY("efficiency", "E");

    private final String word;
    private final String letter;

    CoreClass(String word, String letter) {
        this.word = word;
        this.letter = letter;
    }

    /** "performance" or "efficiency", for sentences and run files. */
    public String word() {
        return word;
    }

    /** "P" or "E", for lane labels. */
    public String letter() {
        return letter;
    }

    public static CoreClass parse(String text) {
        for (CoreClass c : values()) {
            if (c.word.equalsIgnoreCase(text) || c.letter.equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a core class: " + text);
    }
}
