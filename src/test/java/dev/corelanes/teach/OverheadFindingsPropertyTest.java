package dev.corelanes.teach;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import dev.corelanes.view.OverheadChart;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The overhead lab's words over thousands of seeded random medians — every order, inverted ones included, some
 * measurements missing: no sentence contradicts the figures the bars show.
 */
class OverheadFindingsPropertyTest {

    private static final String DURATION = "(\\d[\\d.]* (?:ns|µs|ms|s))";
    /** Every comparison the findings make: "A (x) cost ×r as much as B (y)" and its kin. */
    private static final Pattern CLAIM = Pattern.compile("\\(" + DURATION + "\\) (cost ×([\\d .]+) as much as"
            + "|was ×([\\d .]+) cheaper than|cost about as much as|cost more than|cost less than) [^()]*\\(" + DURATION
            + "\\)");
    private static final Pattern ANY_DURATION = Pattern.compile("\\(" + DURATION + "\\)");
    private static final Pattern CHEAPER_THREAD = Pattern.compile("the cheaper thread round trip [^()]*\\(" + DURATION
            + "\\)");

    /** A median between 100 ns and 3 s, spread evenly on a log scale, so every order turns up. */
    private static long median(Random r) {
        return Math.round(Math.pow(10, 2 + r.nextDouble() * 7.5));
    }

    private static List<Measurement> randomFigures(Random r) {
        List<Measurement> ms = new ArrayList<>();
        for (String name : OverheadLab.NAMES) {
            if (r.nextInt(8) == 0) {
                ms.add(Measurement.unavailable(name, name, "not here"));
                continue;
            }
            long m = median(r);
            ms.add(new Measurement(name, name, List.of(m / 2, m, m * 2), true, ""));
        }
        return ms;
    }

    @Test
    void noSentenceContradictsTheMedians() {
        Random random = new Random(23);
        int inverted = 0;
        for (int i = 0; i < 5_000; i++) {
            List<Measurement> ms = randomFigures(random);
            // which medians each written duration can stand for (two close medians may be written alike)
            Map<String, List<Double>> shown = new HashMap<>();
            for (Measurement m : ms) {
                if (m.available()) {
                    shown.computeIfAbsent(OverheadChart.duration(m.medianNanos()), k -> new ArrayList<>())
                            .add(m.medianNanos());
                }
            }
            OverheadFindings f = OverheadFindings.of(ms);
            String text = f.headline() + "\n" + String.join("\n", f.explanation());
            Matcher d = ANY_DURATION.matcher(text);
            while (d.find()) {
                assertTrue(shown.containsKey(d.group(1)), "a duration no bar shows: " + d.group(1) + " in " + text);
            }
            for (String sentence : text.split("\n|; ")) {
                Matcher c = CLAIM.matcher(sentence);
                while (c.find()) {
                    check(shown.get(c.group(1)), c.group(2), shown.get(c.group(5)), sentence);
                }
            }
            Double park = median(ms, OverheadLab.THREAD_HAND_OFF);
            Double queues = median(ms, OverheadLab.THREAD_QUEUES);
            Double cat = median(ms, OverheadLab.PIPE_CAT);
            Matcher cheaper = CHEAPER_THREAD.matcher(text);
            while (cheaper.find()) {
                assertTrue(park != null && queues != null, "'cheaper' with one to compare: " + text);
                assertTrue(shown.get(cheaper.group(1)).contains(Math.min(park, queues)), text);
            }
            // A thread round trip dearer than the pipe, as the bars show it, is said in the headline.
            for (Double thread : new Double[] {park, queues}) {
                if (thread != null && cat != null && thread > cat
                        && !OverheadChart.duration(thread).equals(OverheadChart.duration(cat))) {
                    inverted++;
                    String t = "(" + OverheadChart.duration(thread) + ")";
                    String p = "(" + OverheadChart.duration(cat) + ")";
                    boolean said = false;
                    for (String part : f.headline().split("; ")) {
                        Matcher c = CLAIM.matcher(part);
                        if (!c.find()) {
                            continue;
                        }
                        boolean pipeCheaper = c.group(2).startsWith("was") || c.group(2).startsWith("cost less");
                        // "the thread round trip (t) cost more than the pipe's (p)", or "the pipe's (p) was
                        // cheaper than the cheaper thread round trip (x)" with x no more than t
                        if (c.group().startsWith(t) && c.group().endsWith(p) && !pipeCheaper
                                || c.group().startsWith(p) && pipeCheaper && shown.get(c.group(5)).stream()
                                .anyMatch(x -> x <= thread)) {
                            said = true;
                        }
                    }
                    assertTrue(said, "a thread round trip " + t + " dearer than the pipe " + p
                            + " is not said in the headline: " + f.headline());
                }
            }
            boolean comparable = median(ms, OverheadLab.PLATFORM_THREAD) != null
                    && median(ms, OverheadLab.NATIVE_PROCESS) != null || cat != null && (park != null || queues != null);
            assertEquals(!comparable, f.headline().startsWith("Not enough was measured"), f.headline());
            assertFalse(text.contains("cheapest") || text.contains("fastest"), "a superlative over all: " + text);
        }
        assertTrue(inverted > 500, "the generator makes inverted orders: " + inverted);
    }

    /** One claim against the medians its two durations stand for. */
    private static void check(List<Double> as, String relation, List<Double> bs, String sentence) {
        for (double a : as) {
            for (double b : bs) {
                if (holds(a, relation, b)) {
                    return;
                }
            }
        }
        fail("contradicts the figures " + as + " vs " + bs + ": " + sentence);
    }

    private static boolean holds(double a, String relation, double b) {
        double r = a / b;
        if (relation.startsWith("cost ×")) {
            return r >= OverheadFindings.SAME && close(r, number(relation));
        }
        if (relation.startsWith("was ×")) {
            return 1 / r >= OverheadFindings.SAME && close(1 / r, number(relation));
        }
        if (relation.equals("cost about as much as")) {
            return r < OverheadFindings.SAME && r > 1 / OverheadFindings.SAME;
        }
        if (relation.equals("cost more than")) {
            return a > b;
        }
        return a < b; // "cost less than"
    }

    private static double number(String relation) {
        Matcher m = Pattern.compile("×([\\d .]+) ").matcher(relation);
        assertTrue(m.find(), relation);
        return Double.parseDouble(m.group(1).replace(" ", ""));
    }

    /** As {@code OverheadFindings.times} writes it: one decimal below 10, whole numbers above. */
    private static boolean close(double exact, double written) {
        return Math.abs(exact - written) <= (exact < 10 ? 0.05 : 0.5) + 1e-9;
    }

    private static Double median(List<Measurement> ms, String name) {
        return ms.stream().filter(m -> m.name().equals(name) && m.available()).map(Measurement::medianNanos)
                .findFirst().orElse(null);
    }
}
