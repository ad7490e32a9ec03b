package dev.corelanes.reliability;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.RunFileException;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Images;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideFiles;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineFrame;
import dev.corelanes.view.TimelineTheme;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crafted run files, seeded so a failure reproduces: numbers swapped for extreme values (the attack that
 * found a span on core 2147483647 and 20 million CPUs) and strings salted with characters XML cannot hold.
 * Each file is either refused in one line, or read and drawn, and its SVG parses as XML.
 */
class RunFileAttackFuzzTest {

    private static final String GOOD = RunFile.toJsonString(Traces.compute(ExecutionMode.THREADS, 4));
    private static final String[] EXTREMES = {"2147483647", "-2147483648", "20000000", "65536", "65535", "-5", "-1",
            "0", "1e308", "-0.0", "9223372036854775807", "4.9e-324", "86400.000001", "3.5"};
    private static final String[] BAD_CHARS = {"\u0000", "\u001b", "\uFFFE", "\uFFFF", "\u0007", "\uD800", "\uDFFF",
            "\u0085", "<", "&", "\"", "]]>"};
    private static final Pattern NUMBER = Pattern.compile("(?<=[:\\[,] ?)-?\\d+(\\.\\d+)?(E-?\\d+)?");
    private static final Pattern STRING_VALUE = Pattern.compile("(?<=: ?\")[^\"]*(?=\")");

    /** Read and drawn (both lane views), or refused in one line — never another exception. */
    private static void refusedOrDrawn(String text) throws Exception {
        Trace t;
        try {
            t = RunFile.parse(text, "crafted.json");
        } catch (RunFileException e) {
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        for (LaneMode lanes : LaneMode.values()) {
            TimelineFrame frame = Slide.compose(List.of(Slide.Run.of(t)),
                    new SlideOptions(SlideOptions.DEFAULT_WIDTH, 0, false, true, lanes, TimelineTheme.LIGHT));
            assertEquals("svg", Images.parse(SlideFiles.svg(frame)).getDocumentElement().getTagName());
        }
    }

    private static List<int[]> matches(Pattern p, String s) {
        List<int[]> at = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            at.add(new int[]{m.start(), m.end()});
        }
        return at;
    }

    @Test
    void extremeNumbersAreRefusedOrDrawn() throws Exception {
        Random r = new Random(20261130);
        List<int[]> numbers = matches(NUMBER, GOOD);
        assertTrue(numbers.size() > 20, "the fixture has numbers to swap");
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder(GOOD);
            // swap one to three numbers, from the end so earlier positions stay valid
            List<int[]> picked = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                picked.add(numbers.get(r.nextInt(numbers.size())));
            }
            picked.stream().distinct().sorted((x, y) -> y[0] - x[0])
                    .forEach(at -> b.replace(at[0], at[1], EXTREMES[r.nextInt(EXTREMES.length)]));
            refusedOrDrawn(b.toString());
        }
    }

    @Test
    void stringsWithCharactersXmlCannotHoldStillMakeAValidSvg() throws Exception {
        Random r = new Random(1130);
        List<int[]> strings = matches(STRING_VALUE, GOOD);
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder(GOOD);
            int[] at = strings.get(r.nextInt(strings.size()));
            String bad = BAD_CHARS[r.nextInt(BAD_CHARS.length)];
            String escaped = bad.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
            b.insert(at[0] + (at[1] > at[0] ? r.nextInt(at[1] - at[0]) : 0), escaped);
            refusedOrDrawn((r.nextInt(4) == 0 ? "\uFEFF" : "") + b);
        }
    }

    @Test
    void controlCharactersInEveryNameAreDrawnAsValidXml() throws Exception {
        String crafted = GOOD.replace("\"Test CPU\"", "\"CPU\\u0000\\u001b[31m\\uFFFE\"")
                .replace("\"T1\"", "\"T\\u0000\\u001b1\\uFFFF\"").replace("\"TestOS\"", "\"OS\\ud800\"");
        assertTrue(crafted.contains("\\u001b[31m"));
        Trace t = RunFile.parse(crafted, "controls.json");
        assertTrue(t.machine().cpu().contains("\u001b"));
        refusedOrDrawn(crafted);
    }

    @Test
    void theLargestMachineARunFileMayNameIsDrawn() throws Exception {
        String crafted = GOOD.replace("\"logicalCores\" : 2,", "\"logicalCores\" : 65536,")
                .replaceFirst("\"core\":1,", "\"core\":65535,");
        assertEquals(65_536, RunFile.parse(crafted, "big.json").machine().logicalCores());
        refusedOrDrawn(crafted);
    }

    @Test
    void nonsenseCoreCountsAreNotShownAsNumbers() {
        MachineInfo m = new MachineInfo("CPU", -5, 0, List.of(), 0, "OS", "Java");
        assertEquals("CPU · ? cores / ? CPUs · OS", m.oneLine());
        assertFalse(m.plausible());
        Trace t = Traces.compute(ExecutionMode.THREADS, 2);
        Trace odd = new Trace(t.spec(), m, t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(), t.status(),
                t.message(), t.tasks(), t.workers(), t.spans(), 0);
        String title = Slide.title(List.of(Slide.Run.of(odd)));
        assertTrue(title.endsWith("? cores") && !title.contains("-5"), title);
    }
}
