package dev.corelanes.engine.process;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Whatever a child prints, the parent's parser returns a message or a one-line refusal — nothing else. */
class WorkerLineParserFuzzTest {

    private static void parsesOrRefusesCleanly(String line) {
        try {
            assertNotNull(WorkerLineParser.parse(line));
        } catch (ProtocolException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n"),
                    String.valueOf(e.getMessage()));
        }
    }

    @Property(tries = 1000)
    void anyTextIsParsedOrRefused(@ForAll String line) {
        parsesOrRefusesCleanly(line);
    }

    @Property(tries = 1000)
    void messageShapedLinesWithWildFieldsAreParsedOrRefused(@ForAll("shaped") String line) {
        parsesOrRefusesCleanly(line);
    }

    @Provide
    Arbitrary<String> shaped() {
        Arbitrary<String> verb = Arbitraries.of("hello", "pong", "start", "open", "span", "end", "bye", "error", "ping",
                "task", "config", "stop", "done", "");
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.of("corelanes-worker", "1", "0", "-1", "-2", "running", "sleeping", "gil-wait", "preempted",
                        "spawning", "completed", "cancelled", "failed", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "1e9", "NaN", "0x10", "", " ", "\t", "65536", "2147483648"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(8));
        return verb.flatMap(v -> field.list().ofMaxSize(7).map(fs -> (v + " " + String.join(" ", fs)).stripTrailing()));
    }
}
