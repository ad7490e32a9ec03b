package dev.corelanes.teach;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.RandomTraces;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caption's rules over many seeded random traces: it says what {@link RunFigures} says, nothing else. */
class RunExplanationPropertyTest {

    private static final Pattern EFFICIENCY = Pattern.compile("efficiency (\\d+) %");

    @Test
    void theCaptionShowsTheFiguresOfTheOneSource() {
        RandomTraces gen = new RandomTraces(31);
        for (int i = 0; i < 2_000; i++) {
            Trace t = gen.trace();
            Trace base = gen.random().nextBoolean() ? gen.trace(RandomTraces.sequentialOf(t.spec())) : null;
            if (base != null) {
                t = t.withBaseline(dev.corelanes.engine.Baselines.choose(t, java.util.List.of(base)));
            }
            RunExplanation e = RunExplanation.of(t);
            RunFigures f = RunFigures.of(t);
            assertEquals(f, e.figures());
            String head = e.caption().lines().findFirst().orElseThrow();
            if (t.status() != TaskStatus.COMPLETED) {
                assertFalse(head.contains("×") || EFFICIENCY.matcher(head).find(), head);
                assertTrue(head.contains("no speedup or efficiency: run " + t.status().id()), head);
                continue;
            }
            if (f.hasSpeedup()) {
                assertTrue(head.contains("speedup " + FigureText.speedup(f)), head);
            }
            Matcher m = EFFICIENCY.matcher(head);
            if (f.hasEfficiency()) {
                assertTrue(m.find(), head);
                assertTrue(Integer.parseInt(m.group(1)) <= 100, "efficiency past 100 %: " + head);
            } else {
                assertTrue(head.contains("efficiency " + FigureText.DASH) || head.contains("no speedup or efficiency: "),
                        head);
            }
            assertEquals(f.drift().recalibrate(), e.caption().contains("Calibration drift"), e.caption());
            assertEquals(f.drift().detected() && !f.drift().recalibrate(), e.caption().contains("Process start-up"),
                    e.caption());
        }
    }
}
