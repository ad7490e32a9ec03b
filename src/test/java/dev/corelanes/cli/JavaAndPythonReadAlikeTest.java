package dev.corelanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.TraceEvents;
import dev.corelanes.fixtures.SleepRuns;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideHtml;
import dev.corelanes.view.SlideOptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python run and a Java run with the same nanoseconds print the same text on the command line, the slide,
 * the HTML page and in the run file's figures (the window: PythonRuntimeWindowTest).
 */
class JavaAndPythonReadAlikeTest {

    private static final Trace JAVA = SleepRuns.java();
    private static final Trace PYTHON = SleepRuns.python();

    private static String printed(Trace t) {
        StringWriter s = new StringWriter();
        RunCommand.print(new PrintWriter(s), t);
        return s.toString();
    }

    private static String line(String printed, String key) {
        return printed.lines().filter(l -> l.startsWith(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " line in\n" + printed));
    }

    @Test
    void theCommandLinePrintsTheSameFigures() {
        String java = printed(JAVA);
        String python = printed(PYTHON);
        for (String key : List.of("Cores", "Wall", "CPU  ", "Ideal", "Speedup", "Efficiency")) {
            assertEquals(line(java, key), line(python, key));
        }
        assertEquals("CPU        3.21 ms = tasks 1.16 ms + runtime 2.05 ms  (runtime: " + FigureText.RUNTIME_WORK + ")",
                line(python, "CPU  "));
        assertEquals("Wall       0.203 s", line(python, "Wall"));
    }

    @Test
    void theSlidesRunLineIsTheSame() {
        assertEquals(runLine(JAVA), runLine(PYTHON));
        assertTrue(runLine(PYTHON).contains("CPU tasks 1.16 ms + runtime 2.05 ms"), runLine(PYTHON));
    }

    private static String runLine(Trace t) {
        return Slide.compose(List.of(Slide.Run.of(t)), SlideOptions.defaults()).shapes().stream()
                .filter(s -> s instanceof Shape.Text x && x.text().startsWith("wall ")).map(s -> ((Shape.Text) s).text())
                .findFirst().orElseThrow();
    }

    @Test
    void theHtmlTablesFiguresAreTheSame() {
        assertEquals(figureCells(JAVA), figureCells(PYTHON));
        assertTrue(figureCells(PYTHON).contains("<td>1.16 ms</td><td>2.05 ms</td>"), figureCells(PYTHON));
    }

    /** The table row after its first cell (which names the run and its model). */
    private static String figureCells(Trace t) {
        String html = SlideHtml.html(Slide.composeWithPanels(List.of(Slide.Run.of(t)), SlideOptions.defaults()));
        Matcher m = Pattern.compile("<tbody>\\n<tr><td>[^<]*</td>(.*)</tr>").matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }

    @Test
    void theRunFilesFiguresAreTheSame() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode java = json.readTree(RunFile.toJsonString(JAVA)).get("figures");
        JsonNode python = json.readTree(RunFile.toJsonString(PYTHON)).get("figures");
        assertEquals(java, python);
        assertEquals(2 * SleepRuns.TASK_CPU / 1e9, python.get("taskCpuSeconds").asDouble(), 1e-15);
        assertEquals(json.readTree(TraceEvents.toJson(JAVA).get("otherData").get("cores").toString()),
                json.readTree(TraceEvents.toJson(PYTHON).get("otherData").get("cores").toString()));
    }
}
