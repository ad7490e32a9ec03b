package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzing the worker protocol parser with seeded random lines: whatever a child prints, the parent's
 * parser returns a message or a one-line refusal — nothing else.
 */
class WorkerLineParserFuzzTest {

    private static final String[] VERBS = {"hello", "pong", "start", "open", "span", "end", "bye", "error", "ping",
            "task", "config", "stop", "done", ""};
    private static final String[] FIELDS = {"corelanes-worker", "1", "0", "-1", "-2", "running", "sleeping", "gil-wait",
            "preempted", "spawning", "completed", "cancelled", "failed", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "1e9", "NaN", "0x10", "", " ", "\t", "65536", "2147483648"};

    private static void parsesOrRefusesCleanly(String line) {
        try {
            assertNotNull(WorkerLineParser.parse(line));
        } catch (ProtocolException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n"),
                    String.valueOf(e.getMessage()));
        }
    }

    @Test
    void anyTextIsParsedOrRefused() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            parsesOrRefusesCleanly(dev.corelanes.engine.files.RunFileFuzzTestAccess.randomText(r, 80));
        }
    }

    @Test
    void messageShapedLinesWithWildFieldsAreParsedOrRefused() {
        Random r = new Random(2);
        for (int i = 0; i < 1000; i++) {
            StringBuilder line = new StringBuilder(VERBS[r.nextInt(VERBS.length)]);
            for (int f = r.nextInt(8); f > 0; f--) {
                line.append(' ').append(switch (r.nextInt(3)) {
                    case 0 -> FIELDS[r.nextInt(FIELDS.length)];
                    case 1 -> Long.toString(r.nextLong());
                    default -> Integer.toString(r.nextInt(2000) - 1000);
                });
            }
            parsesOrRefusesCleanly(line.toString().stripTrailing());
        }
    }
}
