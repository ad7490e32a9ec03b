package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one way durations are written: three significant digits in a unit that suits them, and differences of what is shown. */
class FigureTextTest {

    @Test
    void durationsKeepThreeSignificantDigitsAcrossUnits() {
        assertEquals("877 µs", FigureText.seconds(877e-6));
        // A Python run's 1.163 ms was "0.001 s": one significant digit beside a Java run's "877 µs".
        assertEquals("1.16 ms", FigureText.seconds(0.001163));
        assertEquals("45.6 ms", FigureText.seconds(0.0456));
        assertEquals("0.302 s", FigureText.seconds(0.302));
        assertEquals("2.00 s", FigureText.seconds(2.001));
        assertEquals("12.40 s", FigureText.seconds(12.4));
        assertEquals("250 s", FigureText.seconds(250.2));
        assertEquals("0 s", FigureText.seconds(0));
        assertEquals(FigureText.DASH, FigureText.seconds(Double.NaN));
        assertEquals("-45.6 ms", FigureText.seconds(-0.0456));
    }

    @Test
    void roundingThatCarriesMovesToTheNextUnit() {
        assertEquals("999 µs", FigureText.seconds(0.000999));
        assertEquals("1.00 ms", FigureText.seconds(0.0009996));
        assertEquals("10.0 ms", FigureText.seconds(0.009996));
        assertEquals("0.100 s", FigureText.seconds(0.09996));
        assertEquals("1.00 s", FigureText.seconds(0.9996));
        assertEquals("100 s", FigureText.seconds(99.996));
    }

    @Test
    void nanosAndSecondsAgree() {
        Random r = new Random(23);
        for (int i = 0; i < 10_000; i++) {
            long n = (long) Math.pow(10, r.nextDouble() * 12);
            assertEquals(FigureText.seconds(n / 1e9), FigureText.nanos(n));
        }
    }

    @Test
    void theClockAlwaysCountsInThousandths() {
        assertEquals("0.000 s", FigureText.clock(0));
        assertEquals("0.045 s", FigureText.clock(45_000_000L));
        assertEquals("1.139 s", FigureText.clock(1_139_000_000L));
    }

    @Test
    void theRevealsDifferenceIsTheDifferenceOfTheFiguresShown() {
        // The reveal: predicted 1.50 s, measured 2.00 s, difference +0.501 s.
        assertEquals("1.50 s", FigureText.seconds(1.5));
        assertEquals("2.00 s", FigureText.seconds(2.001));
        assertEquals("+0.50 s", FigureText.difference(1.5, 2.001));
        assertEquals("−0.50 s", FigureText.difference(2.001, 1.5));
        assertEquals("0.00 s", FigureText.difference(1.5, 1.504));
        // Figures of different precision: the coarser one rules.
        assertEquals("+0.252 s", FigureText.difference(0.05, 0.302));
        assertEquals("+0.70 s", FigureText.difference(0.8, 1.504));
        assertEquals(FigureText.DASH, FigureText.difference(Double.NaN, 1));
    }

    @Test
    void everyDifferenceEqualsTheDifferenceOfItsShownFigures() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double p = Math.round(r.nextDouble() * 3000) / 100.0 + 0.01; // as a class types it: 0.01 .. 30 s
            double m = Math.pow(10, r.nextDouble() * 3 - 1.3);          // 0.05 .. 50 s measured
            String d = FigureText.difference(p, m);
            BigDecimal shownP = micros(FigureText.seconds(p));
            BigDecimal shownM = micros(FigureText.seconds(m));
            BigDecimal step = lastDigit(FigureText.seconds(p)).max(lastDigit(FigureText.seconds(m)));
            BigDecimal expected = shownM.subtract(shownP).divide(step, 0, RoundingMode.HALF_UP).multiply(step);
            assertEquals(0, expected.compareTo(micros(d.replace("+", "").replace('−', '-'))),
                    () -> p + " vs " + m + ": " + FigureText.seconds(p) + " / " + FigureText.seconds(m) + " → " + d);
            assertEquals(lastDigit(d.replace("+", "").replace("−", "")).compareTo(step), 0, d + " written to its step");
        }
    }

    /** Microseconds from "1.50 s", "45.6 ms", "877 µs". */
    private static BigDecimal micros(String text) {
        String[] parts = text.split(" ");
        return new BigDecimal(parts[0]).movePointRight(unit(parts[1]));
    }

    /** The value of the last digit of "1.50 s" (10 000 µs). */
    private static BigDecimal lastDigit(String text) {
        String[] parts = text.split(" ");
        return BigDecimal.ONE.movePointLeft(new BigDecimal(parts[0]).scale()).movePointRight(unit(parts[1]));
    }

    private static int unit(String unit) {
        return switch (unit) {
            case "s" -> 6;
            case "ms" -> 3;
            case "µs" -> 0;
            default -> throw new AssertionError(unit);
        };
    }

    @Test
    void shownIsWhatTheTextSays() {
        assertEquals(2.0, FigureText.shown(2.001), 1e-12);
        assertEquals(0.0456, FigureText.shown(0.04563), 1e-12);
        assertTrue(Double.isNaN(FigureText.shown(Double.NaN)));
    }
}
