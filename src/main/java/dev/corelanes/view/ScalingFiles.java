package dev.corelanes.view;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.sweep.Amdahl;
import dev.corelanes.engine.sweep.SweepPoint;
import dev.corelanes.engine.sweep.SweepResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** A scaling sweep as files: the chart as PNG or SVG, the numbers as CSV; every write all or nothing. */
public final class ScalingFiles {

    private ScalingFiles() {
    }

    public static byte[] png(SweepResult r, double scale, boolean dark) throws OutputFileException {
        Java2dSurface s = new Java2dSurface(scale);
        ScalingChart.paint(s, r, ScalingChart.WIDTH, ScalingChart.HEIGHT, dark);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!javax.imageio.ImageIO.write(s.image(), "png", bytes)) {
                throw new OutputFileException("no PNG writer available.");
            }
        } catch (IOException e) {
            throw new OutputFileException("Cannot encode the PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    public static byte[] svg(SweepResult r, boolean dark) {
        SvgSurface s = new SvgSurface();
        ScalingChart.paint(s, r, ScalingChart.WIDTH, ScalingChart.HEIGHT, dark);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A header, then one line per run: n, CPUs, wall, speedup, ideal, Amdahl's value (at the measured n only),
     * what was added; then the fit: its serial fraction (empty without a fit), the runs it can use and the fewest
     * it is made from, the largest n measured, the limit it extrapolates to beyond that (empty without a fit,
     * "inf" for f = 0) and the same sentence the chart shows.
     */
    public static String csv(SweepResult r) {
        boolean fit = r.hasFit();
        double f = r.serialFraction();
        StringBuilder b = new StringBuilder(r.by().unit() + "s,cpus,wall_s,speedup,ideal_speedup,amdahl_speedup,added\n");
        for (SweepPoint p : r.points()) {
            b.append(p.n()).append(',').append('"').append(p.cpus()).append('"').append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.4f,%d,%s,", p.wallSeconds(), p.speedup(),
                            p.idealSpeedup(), fit ? String.format(Locale.ROOT, "%.4f", Amdahl.speedup(f, p.n())) : ""))
                    .append(p.added()).append('\n');
        }
        double limit = r.extrapolatedLimit();
        b.append("# serial_fraction,").append(fit ? String.format(Locale.ROOT, "%.4f", f) : "").append('\n');
        b.append("# usable_runs,").append(r.fitRuns()).append('\n');
        b.append("# min_runs_for_fit,").append(Amdahl.MIN_RUNS).append('\n');
        b.append("# measured_up_to,").append(r.measuredUpTo()).append('\n');
        b.append("# extrapolated_limit,").append(!fit ? "" : Double.isInfinite(limit) ? "inf"
                : String.format(Locale.ROOT, "%.4f", limit)).append('\n');
        b.append("# amdahl,\"").append(r.fitSentence().replace("\"", "\"\"")).append("\"\n");
        if (!r.note().isEmpty()) {
            // an interrupted or stopped sweep says so in its numbers too
            b.append("# note,\"").append(r.note().replace("\"", "\"\"")).append("\"\n");
        }
        return b.toString();
    }

    public static void write(Path file, byte[] bytes) throws OutputFileException {
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
