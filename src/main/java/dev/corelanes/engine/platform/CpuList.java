package dev.corelanes.engine.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Linux's CPU-list notation ("0-3,8,10-11"), as in {@code taskset -c}, {@code /proc/self/status}'s
 * Cpus_allowed_list and {@code /sys/devices/cpu_core/cpus}. One parser for what users type and what the
 * kernel writes.
 */
public final class CpuList {

    /** Matches the worker protocol's cap: no machine has more logical CPUs than this. */
    public static final int MAX_CPU = 65_535;

    private CpuList() {
    }

    /**
     * The CPUs of a list, sorted, without repeats.
     *
     * @throws IllegalArgumentException with a one-line message a user can act on
     */
    public static List<Integer> parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an empty CPU list (write e.g. 0,2-3)");
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : s.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = number(dash < 0 ? p : p.substring(0, dash), s);
            int to = dash < 0 ? from : number(p.substring(dash + 1), s);
            if (to < from) {
                throw new IllegalArgumentException("\"" + p + "\" in the CPU list \"" + s + "\" runs backwards");
            }
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return List.copyOf(cpus);
    }

    private static int number(String digits, String whole) {
        String d = digits.strip();
        if (d.isEmpty() || !d.chars().allMatch(ch -> ch >= '0' && ch <= '9') || d.length() > 6) {
            throw new IllegalArgumentException("\"" + whole + "\" is not a CPU list (write e.g. 0,2-3)");
        }
        int n = Integer.parseInt(d);
        if (n > MAX_CPU) {
            throw new IllegalArgumentException("CPU " + n + " is beyond the largest CPU number " + MAX_CPU);
        }
        return n;
    }

    /** The shortest list notation for these CPUs, e.g. [0,1,2,3,8] → "0-3,8". */
    public static String format(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
