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
        return new SweepResult(ScalingSweep.By.CORES, w, intel, pts, 0.1, "");
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
                "fitted serial fraction 10.0 % (Amdahl: at most 10.0× however many cores)",
                "SMT siblings from here", "efficiency cores from here", "Amdahl fit", "ideal (usable cores)")) {
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
    }

    @Test
    void anEmptySweepSaysWhy() {
        SweepResult r = new SweepResult(ScalingSweep.By.WORKERS,
                new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 2, 0.1, 1, false),
                dev.corelanes.fixtures.Traces.machine(), List.of(), Double.NaN, "stopped at 1 worker: the run failed");
        String svg = new String(ScalingFiles.svg(r, false), StandardCharsets.UTF_8);
        assertTrue(svg.contains("No runs measured: stopped at 1 worker"), svg);
        assertTrue(svg.contains("no Amdahl fit"), svg);
    }
}
