package dev.corelanes.app.labs;

import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.engine.lab.OverheadLab;
import dev.corelanes.teach.OverheadFindings;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.corelanes.app.labs.LabRobot.childrenLeft;
import static dev.corelanes.app.labs.LabRobot.text;
import static dev.corelanes.app.labs.LabRobot.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overhead lab run, cancelled and exported from its window, headless. */
@ExtendWith(ApplicationExtension.class)
class OverheadLabWindowTest {

    private OverheadLabWindow lab;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        lab = new OverheadLabWindow(3); // few repetitions: a test, not a benchmark
        lab.show(stage, false);
    }

    @AfterEach
    void stop() throws Exception {
        lab.cancel();
        waitUntil(60, () -> !lab.runningProperty().get());
    }

    private static Measurement named(List<Measurement> ms, String name) {
        return ms.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void measuresEveryCostSaysWhatTheFiguresShowAndExportsTheChart(FxRobot robot) throws Exception {
        robot.clickOn("#measureButton");
        waitUntil(30, () -> lab.runningProperty().get());
        waitUntil(240, () -> !lab.runningProperty().get());
        List<Measurement> ms = lab.measurementsProperty().get();
        assertEquals(OverheadLab.NAMES, ms.stream().map(Measurement::name).toList(), text(robot, "#overheadStatus"));
        double virtual = named(ms, OverheadLab.VIRTUAL_THREAD).medianNanos();
        // No order of costs is asserted (timing belongs to -Pbench): the words must follow the figures.
        OverheadFindings findings = OverheadFindings.of(ms);
        assertEquals(findings.headline(), text(robot, "#overheadHeadline"));
        assertEquals(String.join(" ", findings.explanation()), text(robot, "#overheadExplanation"));
        assertEquals(0, childrenLeft());
        assertFalse(robot.lookup("#exportPNG_2X").queryAs(Button.class).isDisabled());

        Path png = dir.resolve("overhead.png");
        Path png2 = dir.resolve("overhead@2x.png");
        Path svg = dir.resolve("overhead.svg");
        Path csv = dir.resolve("overhead.csv");
        robot.interact(() -> {
            assertTrue(lab.export(OverheadLabWindow.Format.PNG_1X, png));
            assertTrue(lab.export(OverheadLabWindow.Format.PNG_2X, png2));
            assertTrue(lab.export(OverheadLabWindow.Format.SVG, svg));
            assertTrue(lab.export(OverheadLabWindow.Format.CSV, csv));
        });

        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(distinctColours(image) > 20, "the PNG looks blank");
        assertEquals(2 * image.getWidth(), ImageIO.read(png2.toFile()).getWidth());

        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(Files.readString(svg).contains(">" + OverheadLab.VIRTUAL_THREAD + "</text>"));

        List<String> lines = Files.readAllLines(csv);
        assertEquals("name,how,median_ns,p10_ns,p90_ns,samples,not_measured", lines.get(0));
        assertEquals(ms.size() + 1, lines.size(), "a header and one line per measurement");
        assertTrue(lines.get(2).startsWith("\"start a virtual thread\",\"" + named(ms, OverheadLab.VIRTUAL_THREAD)
                .description() + "\"," + Math.round(virtual) + ","), lines.get(2));
    }

    @Test
    void anUnwritablePathIsSaidInPlace(FxRobot robot) {
        Path nowhere = dir.resolve("no-such-folder").resolve("chart.svg");
        robot.interact(() -> assertFalse(lab.export(OverheadLabWindow.Format.SVG, nowhere)));
        assertTrue(text(robot, "#overheadStatus").startsWith("Cannot write"), text(robot, "#overheadStatus"));
        assertFalse(Files.exists(nowhere));
    }

    @Test
    void cancelStopsTheMeasurementAndLeavesNoChild(FxRobot robot) throws Exception {
        robot.clickOn("#measureButton");
        waitUntil(30, () -> lab.runningProperty().get());
        robot.clickOn("#cancelOverheadButton");
        waitUntil(60, () -> !lab.runningProperty().get());
        assertEquals("Cancelled: nothing kept from this run.", text(robot, "#overheadStatus"));
        assertTrue(lab.measurementsProperty().get().isEmpty());
        assertEquals(0, childrenLeft());
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
