package dev.corelanes.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive HTML page: one offline file with the slide's SVG, the figures and a hover record per span. */
class SlideHtmlTest {

    @TempDir
    Path dir;

    /** A threads run with every kind of span, and a worker whose name tries to end the script early. */
    private static Trace threadsRun() {
        Trace t = Traces.compute(ExecutionMode.THREADS, 4);
        List<Span> spans = new ArrayList<>(t.spans());
        spans.add(new Span(3, "T3", Span.NO_CORE, SpanState.PREEMPTED, 100 * Traces.MS, 110 * Traces.MS));
        spans.add(dev.corelanes.engine.CpuLanes.uncertain(0, 100 * Traces.MS, 110 * Traces.MS));
        spans.add(new Span(4, "</script><b>x&y", Span.NO_CORE, SpanState.SLEEPING, 0, 50 * Traces.MS));
        return new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(), t.status(),
                "", t.tasks(), t.workers(), spans, 0);
    }

    private static Slide.Composed slide(Trace... traces) {
        return Slide.composeWithPanels(java.util.Arrays.stream(traces).map(Slide.Run::of).toList(),
                new SlideOptions(SlideOptions.DEFAULT_WIDTH, 0, false, true, LaneMode.CORES, TimelineTheme.LIGHT));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document d, String tag, String id) {
        NodeList l = d.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " id=" + id + ">");
    }

    @Test
    void onePageWithTheSlidesSvgTheFiguresAndAHoverRecordPerSpan() throws Exception {
        Trace sequential = Traces.compute(ExecutionMode.SEQUENTIAL, 4);
        Trace threads = threadsRun().withBaseline(new dev.corelanes.engine.RunBaseline(
                dev.corelanes.engine.RunBaseline.Kind.SEQUENTIAL_RUN,
                dev.corelanes.engine.RunBaseline.Reference.of(sequential, false), ""));
        Slide.Composed slide = slide(sequential, threads);
        Path file = dir.resolve("run.html");
        SlideHtml.write(slide, file);
        String html = Files.readString(file);
        Document d = parse(html);

        // The very SVG the SVG export draws (one drawing path), embedded.
        NodeList svgs = d.getElementsByTagName("svg");
        assertEquals(1, svgs.getLength(), "one slide");
        String svgFile = SlideFiles.svg(slide.frame());
        assertTrue(html.contains(svgFile.substring(svgFile.indexOf('\n') + 1, svgFile.indexOf('\n') + 2000)),
                "the SVG export's own elements");
        assertTrue(((Element) svgs.item(0)).getElementsByTagName("rect").getLength() > 10);

        // One hover record per span of each run, each inside the slide.
        JsonNode records = new ObjectMapper().readTree(byId(d, "script", "spans").getTextContent());
        assertEquals(sequential.spans().size() + threads.spans().size(), records.size());
        for (JsonNode r : records) {
            assertTrue(r.get(0).asDouble() >= 0 && r.get(0).asDouble() + r.get(2).asDouble() <= slide.frame().width() + 1, r.toString());
            assertTrue(r.get(1).asDouble() >= 0 && r.get(1).asDouble() + r.get(3).asDouble() <= slide.frame().height(), r.toString());
        }
        List<String> texts = new ArrayList<>();
        records.forEach(r -> texts.add(r.get(4).asText()));
        assertTrue(texts.contains("task 3 · running on CPU 0 · 0.1100 s → 0.2100 s (0.100 s) · worker T3 · Threads"), texts.toString());
        assertTrue(texts.stream().anyMatch(s -> s.startsWith("uncertain · CPU 0 changed hands here")), texts.toString());
        assertTrue(texts.stream().anyMatch(s -> s.contains("worker </script><b>x&y")), "names survive, escaped");

        // The figures, a row per run.
        Element table = byId(d, "table", "figures");
        assertEquals(2, ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr").getLength());
        // Sequential 430 ms, threads 210 ms: ×2.05 is within timer noise of the 2 cores' limit, so ×2.00 — the
        // same speedup the slide's run line shows.
        assertTrue(table.getTextContent().contains("×2.00 vs sequential"), table.getTextContent());
        assertEquals(FigureText.speedup(dev.corelanes.engine.RunFigures.of(threads)), "×2.00 vs sequential");
    }

    @Test
    void theTableSaysTheCoresAsTheTitleDoesAndTasksAtATimeApart() throws Exception {
        // The issue: "usable cores 1" for the sequential run under a title that says 2 cores.
        Trace sequential = Traces.compute(ExecutionMode.SEQUENTIAL, 4);
        Trace threads = Traces.compute(ExecutionMode.THREADS, 4);
        Trace pinned = new Trace(threads.spec(), threads.machine().pinnedTo(List.of(1)), threads.calibration(),
                threads.startedAt(), threads.wallNanos(), threads.cpuNanos(), threads.status(), "", threads.tasks(),
                threads.workers(), threads.spans(), 0);
        Document d = parse(SlideHtml.html(slide(sequential, threads, pinned)));
        String title = d.getElementsByTagName("h1").item(0).getTextContent();
        assertTrue(title.contains("on 2 cores") && title.contains("on 1 core (CPU 1)"), title);
        List<List<String>> rows = rows(byId(d, "table", "figures"));
        List<String> head = rows.get(0);
        int cores = head.indexOf("cores");
        int atATime = head.indexOf("at a time");
        assertEquals(List.of("2 cores", "1 task at a time"), List.of(rows.get(1).get(cores), rows.get(1).get(atATime)));
        assertEquals(List.of("2 cores", "2 tasks at a time"), List.of(rows.get(2).get(cores), rows.get(2).get(atATime)));
        assertEquals(List.of("1 core (CPU 1)", "1 task at a time"), List.of(rows.get(3).get(cores), rows.get(3).get(atATime)));
        assertFalse(d.getElementsByTagName("table").item(0).getTextContent().contains("usable"));
    }

    /** The table's cells, a list per row, the header first. */
    private static List<List<String>> rows(Element table) {
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = table.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            NodeList cs = ((Element) trs.item(i)).getChildNodes();
            for (int j = 0; j < cs.getLength(); j++) {
                if (cs.item(j) instanceof Element e) {
                    cells.add(e.getTextContent());
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void thePageNeedsNothingFromOutside() throws Exception {
        String html = SlideHtml.html(slide(threadsRun()));
        for (String outside : new String[]{"http://", "https://", "src=", "href=", "<link", "@import", "url(", "fetch(",
                "XMLHttpRequest", "<iframe"}) {
            assertFalse(html.contains(outside), "the page refers to something outside: " + outside);
        }
        assertEquals(2, html.split("<script", -1).length - 1, "the hover data and the inline script");
    }

    /** Runs measured on two machines: the page names both (it named only the first). */
    @Test
    void runsFromTwoMachinesNameBoth() throws Exception {
        Trace here = Traces.compute(ExecutionMode.THREADS, 4);
        dev.corelanes.engine.MachineInfo other = new dev.corelanes.engine.MachineInfo("Other CPU 9000", 8, 4,
                List.of(), 16L << 30, "Other OS", "Java 99");
        Trace there = new Trace(here.spec(), other, here.calibration(), here.startedAt(), here.wallNanos(),
                here.cpuNanos(), here.status(), here.message(), here.tasks(), here.workers(), here.spans(),
                here.droppedSpans());
        Document d = parse(SlideHtml.html(slide(here, there)));
        NodeList ps = d.getElementsByTagName("p");
        String machines = "";
        for (int i = 0; i < ps.getLength(); i++) {
            if ("machine".equals(((Element) ps.item(i)).getAttribute("class"))) {
                machines = ps.item(i).getTextContent();
            }
        }
        assertTrue(machines.contains(here.machine().oneLine()) && machines.contains("Other CPU 9000"), machines);
    }
}
