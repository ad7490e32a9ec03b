package dev.corelanes.view;

import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task colours cannot be confused with state colours or with each other, for normal vision and the common
 * colour-vision deficiencies. Each colour is passed through the Machado–Oliveira–Fernandes (2009) simulation
 * matrices at full severity (applied to linear sRGB), converted to CIELAB, and pairs are compared by CIE76 ΔE.
 */
class PaletteTest {

    private static final Map<String, double[][]> VISION = new LinkedHashMap<>();

    static {
        VISION.put("normal", new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        VISION.put("protanopia", new double[][] {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
                {-0.003882, -0.048116, 1.051998}});
        VISION.put("deuteranopia", new double[][] {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
                {-0.011820, 0.042940, 0.968881}});
        VISION.put("tritanopia", new double[][] {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
                {0.004733, 0.691367, 0.303900}});
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The colour as a person with {@code vision} sees it, in CIELAB (D65). */
    static double[] seen(Rgb c, String vision) {
        double[] l = {linear(c.r() / 255.0), linear(c.g() / 255.0), linear(c.b() / 255.0)};
        double[][] m = VISION.get(vision);
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            s[i] = Math.max(0, Math.min(1, m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]));
        }
        double x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
        double y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
        double z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    static double deltaE(Rgb a, Rgb b, String vision) {
        double[] p = seen(a, vision);
        double[] q = seen(b, vision);
        return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
    }

    @Test
    void taskColoursStayApartFromStateColoursUnderEveryVisionSimulated() {
        List<String> close = new ArrayList<>();
        for (String v : VISION.keySet()) {
            for (int t = 1; t <= Palette.taskColours(); t++) {
                for (SpanState s : SpanState.values()) {
                    double d = deltaE(Palette.task(t), Palette.state(s), v);
                    if (d < 12) {
                        close.add(v + ": task " + t + " vs " + Palette.stateLabel(s) + " ΔE " + Math.round(d));
                    }
                }
            }
        }
        assertTrue(close.isEmpty(), "task colours a viewer could take for a state:\n" + String.join("\n", close));
    }

    @Test
    void taskColoursStayApartFromEachOtherUnderEveryVisionSimulated() {
        List<String> close = new ArrayList<>();
        for (String v : VISION.keySet()) {
            for (int a = 1; a <= Palette.taskColours(); a++) {
                for (int b = a + 1; b <= Palette.taskColours(); b++) {
                    double d = deltaE(Palette.task(a), Palette.task(b), v);
                    if (d < 15) {
                        close.add(v + ": task " + a + " vs task " + b + " ΔE " + Math.round(d));
                    }
                }
            }
        }
        assertTrue(close.isEmpty(), "task colours too alike:\n" + String.join("\n", close));
    }

    @Test
    void theSimulationItselfSeesTheOldConfusion() {
        // The set used before: task 4's brown next to "GIL wait" for a protanope (the complaint).
        assertTrue(deltaE(Rgb.hex("#A6761D"), Palette.state(SpanState.GIL_WAIT), "protanopia") < 5);
        assertTrue(deltaE(Rgb.hex("#A6761D"), Palette.state(SpanState.GIL_WAIT), "normal") > 5);
    }
}
