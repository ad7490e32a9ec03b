package dev.corelanes.app.labs;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.lab.Measurement;
import dev.corelanes.view.Java2dSurface;
import dev.corelanes.view.OverheadChart;
import dev.corelanes.view.SvgSurface;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The overhead chart as files: PNG (1× or 2×), SVG, CSV. Every write goes through {@link AtomicFiles},
 * so a failed export never leaves half a file; failures come back as one readable sentence.
 */
public final class OverheadExport {

    public static final double WIDTH = 960;

    private OverheadExport() {
    }

    public static void png(List<Measurement> ms, Path file, double scale, boolean dark) throws OutputFileException {
        Java2dSurface s = new Java2dSurface(scale);
        OverheadChart.paint(s, ms, WIDTH, dark);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!javax.imageio.ImageIO.write(s.image(), "png", bytes)) {
                throw new OutputFileException("Cannot write " + file + ": no PNG writer available.");
            }
        } catch (IOException e) {
            throw new OutputFileException("Cannot encode the PNG: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes::writeTo);
    }

    public static void svg(List<Measurement> ms, Path file, boolean dark) throws OutputFileException {
        SvgSurface s = new SvgSurface();
        OverheadChart.paint(s, ms, WIDTH, dark);
        byte[] doc = s.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(doc));
    }

    public static void csv(List<Measurement> ms, Path file) throws OutputFileException {
        byte[] doc = csvText(ms).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(doc));
    }

    /**
     * A header, then one line per measurement: what was timed (the bar's label), how, the figures; unavailable
     * ones have empty numbers and the reason in {@code not_measured}.
     */
    static String csvText(List<Measurement> ms) {
        StringBuilder b = new StringBuilder("name,how,median_ns,p10_ns,p90_ns,samples,not_measured\n");
        for (Measurement m : ms) {
            boolean has = m.available() && !m.samplesNanos().isEmpty();
            b.append(quote(m.name())).append(',').append(quote(m.description())).append(',')
                    .append(has ? number(m.medianNanos()) : "").append(',')
                    .append(has ? number(m.percentileNanos(10)) : "").append(',')
                    .append(has ? number(m.percentileNanos(90)) : "").append(',')
                    .append(m.samplesNanos().size()).append(',')
                    .append(m.available() ? "" : quote(m.note())).append('\n');
        }
        return b.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
