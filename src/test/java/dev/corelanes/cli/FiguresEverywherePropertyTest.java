package dev.corelanes.cli;

import dev.corelanes.engine.Baselines;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.fixtures.RandomTraces;
import dev.corelanes.fixtures.Sessions;
import dev.corelanes.teach.RunExplanation;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideHtml;
import dev.corelanes.view.SlideOptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Every number on screen is the same everywhere it appears": over generated sessions of runs (busy and
 * quiet, pinned and not, Java and CPython, cancelled, read back after a restart), a run's speedup is the
 * same text on the command line, in the caption, on the slide, in the HTML page and in its run file — and
 * none of them shows a ratio past the run's limit.
 */
class FiguresEverywherePropertyTest {

    private static final Pattern RATIO = Pattern.compile("×([0-9.]+)");

    @Test
    void aRunsSpeedupIsOneTextInEveryViewAndNeverPastItsLimit() throws Exception {
        RandomTraces gen = new RandomTraces(61);
        int checked = 0;
        for (int s = 0; s < 120; s++) {
            MachineInfo m = Sessions.machine(gen);
            List<Trace> table = new ArrayList<>();
            for (int k = 0; k < 2 + gen.random().nextInt(5); k++) {
                Trace measured = Sessions.run(gen, Sessions.spec(gen), m);
                Trace t = measured.withBaseline(Baselines.choose(measured, table));
                table.add(gen.random().nextBoolean() ? t : RunFile.parse(RunFile.toJsonString(t), "kept.json"));
            }
            for (Trace t : table) {
                RunFigures f = RunFigures.of(t);
                String speedup = FigureText.speedup(f);
                String cli = printed(t);
                assertTrue(cli.contains("Speedup    " + speedup + "\n"), cli);
                String caption = RunExplanation.of(t).caption();
                if (f.hasEfficiency() || !f.noEfficiencyReason().equals(f.noSpeedupReason())) {
                    assertTrue(caption.contains("speedup " + speedup), caption);
                }
                Slide.Composed slide = Slide.composeWithPanels(List.of(Slide.Run.of(t)), SlideOptions.defaults());
                String drawn = text(slide);
                if (f.hasSpeedup() && !f.comparedWithItself()) {
                    assertTrue(drawn.contains(speedup), () -> speedup + " not on the slide:\n" + drawn);
                } else if (FigureText.speedupWithheld(f)) {
                    assertTrue(drawn.contains("speedup " + FigureText.speedupShort(f)), drawn);
                }
                String page = SlideHtml.html(slide);
                assertTrue(page.contains(escape(speedup)), () -> speedup + " not in the HTML table");
                assertEquals(f, RunFigures.of(RunFile.parse(RunFile.toJsonString(t), "again.json")));
                double limit = f.usableCores();
                for (String text : List.of(cli, caption, drawn)) {
                    noRatioPast(text, limit, t);
                }
                checked += t.status() == TaskStatus.COMPLETED ? 1 : 0;
            }
        }
        assertTrue(checked > 200, "completed runs checked: " + checked);
    }

    private static String printed(Trace t) {
        StringWriter w = new StringWriter();
        RunCommand.print(new PrintWriter(w, true), t);
        return w.toString().replace("\r\n", "\n");
    }

    private static String text(Slide.Composed c) {
        StringBuilder b = new StringBuilder();
        c.frame().shapes().stream().filter(s -> s instanceof Shape.Text).forEach(s -> b.append(((Shape.Text) s).text())
                .append('\n'));
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void noRatioPast(String text, double limit, Trace t) {
        Matcher m = RATIO.matcher(text);
        while (m.find()) {
            String digits = m.group(1).replaceAll("\\.$", "");
            assertTrue(Double.parseDouble(digits) <= limit + 1e-9, () -> "×" + digits + " past " + limit + " for "
                    + t.spec().describe() + ":\n" + text);
        }
    }
}
