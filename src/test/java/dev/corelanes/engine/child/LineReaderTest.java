package dev.corelanes.engine.child;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineReaderTest {

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsLinesAndDropsCarriageReturns() throws Exception {
        LineReader r = reader("one\r\n\ntwo\nlast", 100);
        assertEquals("one", r.readLine());
        assertEquals("", r.readLine());
        assertEquals("two", r.readLine());
        assertEquals("last", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void stopsAtTheLimitWithoutReadingTheRest() {
        String huge = "x".repeat(200_000) + "\nnext\n";
        assertThrows(LineReader.LineTooLongException.class, () -> reader(huge, 64 * 1024).readLine());
    }

    @Test
    void aLineOfExactlyTheLimitIsFine() throws Exception {
        assertEquals(100, reader("y".repeat(100) + "\n", 100).readLine().length());
    }
}
