package dev.corelanes.view;

import dev.corelanes.engine.Calibration;
import dev.corelanes.engine.CoreLimit;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.sweep.Amdahl;
import dev.corelanes.engine.sweep.ScalingSweep;
import dev.corelanes.engine.sweep.SweepPoint;
import dev.corelanes.engine.sweep.SweepResult;
import dev.corelanes.hardware.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep chart and CSV from a hand-made sweep on the Intel 6P+8E topology (no measurement). */
class ScalingChartTest {

    @TempDir
    Path sys;

    /** 20 compute tasks of 1 s, speedups following Amdahl with f = 0.1, on 1 … 20 CPUs of the hybrid laptop. */
    static SweepResult hybridSweep(Path sys) {
        MachineInfo intel = Topologies.intelHybrid(sys).machine();
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            all.add(c);
        }
        List<Integer> order = CoreLimit.preferredOrder(intel, all);
        ExperimentSpec w = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 20, 1, false);
        List<SweepPoint> pts = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            double speedup = Amdahl.speedup(0.1, n);
            long wall = Math.round(20e9 / speedup);
            Trace t = new Trace(w, intel.pinnedTo(order.subList(0, n).stream().sorted().toList()),
                    new Calibration(1_000_000, 10), Instant.parse("2026-11-30T10:00:00Z"), wall, 20_000_000_000L,
                    TaskStatus.COMPLETED, "", List.of(), List.of(), List.of(), 0);
            pts.add(new SweepPoint(n, t, speedup, ScalingSweep.added(intel, order, n)));
        }
        return new SweepResult(ScalingSweep.By.CORES, w, intel, pts, "");
    }

    @Test
    void theSvgNamesTheFitAndWhereSiblingsAndEfficiencyCoresJoin() throws Exception {
        SweepResult r = hybridSweep(sys);
        assertEquals(7, r.firstAdded(SweepPoint.EFFICIENCY_CORE));
        assertEquals(15, r.firstAdded(SweepPoint.SMT_SIBLING));
        String svg = new String(ScalingFiles.svg(r, false), StandardCharsets.UTF_8);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))); // well-formed
        for (String text : List.of("Speedup vs cores: 20 compute tasks × 1 s · threads",
                ">Amdahl fit from 20 runs: serial fraction 10.0 %; the fit suggests at most ×10.0 with any number "
                        + "of cores</text>",
                ">— an extrapolation: measured up to 20 cores</text>",
                "SMT siblings from here", "efficiency cores from here", "Amdahl fit (over the cores measured)",
                "ideal (usable cores)")) {
            assertTrue(svg.contains(text), text);
        }
    }

    @Test
    void thePngIsTheChartsSizeTimesTheScale() throws Exception {
        byte[] png = ScalingFiles.png(hybridSweep(sys), 2, true);
        var image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2 * ScalingChart.WIDTH, image.getWidth(), 1);
        assertEquals(2 * ScalingChart.HEIGHT, image.getHeight(), 1);
    }

    @Test
    void theCsvHasARowPerRunAndTheFit() {
        String csv = ScalingFiles.csv(hybridSweep(sys));
        String[] lines = csv.split("\n");
        assertEquals("cores,cpus,wall_s,speedup,ideal_speedup,amdahl_speedup,added", lines[0]);
        assertEquals("1,\"0\",20.0000,1.0000,1,1.0000,core", lines[1]);
        assertTrue(lines[7].startsWith("7,\"0,2,4,6,8,10,12\",") && lines[7].endsWith(",efficiency core"), lines[7]);
        assertTrue(lines[15].endsWith(",SMT sibling"), lines[15]);
        assertEquals("# serial_fraction,0.1000", lines[21]);
        assertEquals("# usable_runs,20", lines[22]);
        assertEquals("# min_runs_for_fit,3", lines[23]);
        assertEquals("# measured_up_to,20", lines[24]);
        assertEquals("# extrapolated_limit,10.0000", lines[25]);
        assertTrue(lines[26].startsWith("# amdahl,\"Amdahl fit from 20 runs") && lines[26].endsWith("measured up to 20 cores\""),
                lines[26]);
    }

    /** The first {@code n} runs of the hybrid sweep: what a sweep stopped early, or a small machine, measures. */
    static SweepResult firstRuns(Path sys, int n) {
        SweepResult all = hybridSweep(sys);
        return new SweepResult(all.by(), all.workload(), all.machine(), all.points().subList(0, n), "");
    }

    @Test
    void twoRunsGiveNoFitNoCurveAndNoLimit() throws Exception {
        SweepResult r = firstRuns(sys, 2);
        assertEquals("no Amdahl fit: it needs at least 3 runs (1 core and 2 more); this sweep measured 2 runs, up to "
                + "2 cores", r.fitSentence());
        String svg = new String(ScalingFiles.svg(r, false), StandardCharsets.UTF_8);
        assertTrue(svg.contains("no Amdahl fit: it needs at least 3 runs"), svg);
        assertFalse(svg.contains("Amdahl fit (over"), "no fit in the legend");
        assertFalse(svg.contains("at most"), "no limit");
        String[] csv = ScalingFiles.csv(r).split("\n");
        assertEquals("1,\"0\",20.0000,1.0000,1,,core", csv[1], "no Amdahl value without a fit");
        assertEquals("# serial_fraction,", csv[3]);
        assertEquals("# extrapolated_limit,", csv[7]);
    }

    @Test
    void threeRunsFitAndTheLimitIsCalledAnExtrapolationOfThem() {
        SweepResult r = firstRuns(sys, 3);
        assertTrue(r.hasFit());
        assertEquals(0.1, r.serialFraction(), 1e-9);
        assertEquals(3, r.measuredUpTo());
        assertEquals("Amdahl fit from 3 runs: serial fraction 10.0 %; the fit suggests at most ×10.0 with any number "
                + "of cores — an extrapolation: measured up to 3 cores", r.fitSentence());
    }

    /** Two cores, ×1.14: the speedup axis stops at ×2, no tick (×3) drawn up into the title. */
    @Test
    void noSpeedupTickIsDrawnAboveThePlot() {
        SweepResult r = firstRuns(sys, 2);
        String svg = new String(ScalingFiles.svg(r, false), StandardCharsets.UTF_8);
        assertTrue(svg.contains(">×2</text>"), svg);
        assertFalse(svg.contains(">×3</text>"), "a tick above the plot, in the header");
    }

    @Test
    void theFitsCurveEndsWhereTheMeasurementsEnd() {
        SweepResult r = firstRuns(sys, 4);
        java.util.List<double[]> orange = new java.util.ArrayList<>();
        ScalingChart.paint(new Surface() {
            @Override
            public void begin(double width, double height, Rgb background) {
            }

            @Override
            public void fillRect(double x, double y, double w, double h, Rgb color) {
            }

            @Override
            public void strokeRect(double x, double y, double w, double h, Rgb color, double lineWidth) {
            }

            @Override
            public void line(double x1, double y1, double x2, double y2, Rgb color, double width) {
                if (color.equals(Rgb.hex("#E69F00")) && width == 2) { // the Amdahl curve's colour and weight
                    orange.add(new double[] {x1, x2});
                }
            }

            @Override
            public void text(String text, double x, double y, double size, boolean bold, Rgb color, Shape.Align a) {
            }
        }, r, ScalingChart.WIDTH, ScalingChart.HEIGHT, false);
        assertFalse(orange.isEmpty());
        double right = orange.stream().mapToDouble(l -> Math.max(l[0], l[1])).max().orElseThrow();
        assertEquals(ScalingChart.WIDTH - 30, right, 1e-6, "the curve stops at the last measured n (the plot's right edge)");
    }

    @Test
    void anEmptySweepSaysWhy() {
        SweepResult r = new SweepResult(ScalingSweep.By.WORKERS,
                new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 2, 0.1, 1, false),
                dev.corelanes.fixtures.Traces.machine(), List.of(), "stopped at 1 worker: the run failed");
        String svg = new String(ScalingFiles.svg(r, false), StandardCharsets.UTF_8);
        assertTrue(svg.contains("No runs measured: stopped at 1 worker"), svg);
        assertTrue(svg.contains("no Amdahl fit"), svg);
    }
}
