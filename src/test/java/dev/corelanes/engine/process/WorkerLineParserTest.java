package dev.corelanes.engine.process;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.process.WorkerMessage.Bye;
import dev.corelanes.engine.process.WorkerMessage.ErrorReport;
import dev.corelanes.engine.process.WorkerMessage.Hello;
import dev.corelanes.engine.process.WorkerMessage.Opened;
import dev.corelanes.engine.process.WorkerMessage.SpanDone;
import dev.corelanes.engine.process.WorkerMessage.TaskEnd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerLineParserTest {

    @Test
    void readsEveryMessageTheChildWrites() throws Exception {
        assertEquals(new Hello(1, 4242, -1), WorkerLineParser.parse("hello corelanes-worker 1 4242"));
        assertEquals(new Hello(1, 4242, 4250), WorkerLineParser.parse("hello corelanes-worker 1 4242 4250"));
        assertEquals(new Hello(1, 4242, 4250), WorkerLineParser.parse(WorkerProtocol.hello(4242, 4250)));
        assertEquals(new Hello(1, 4242, -1), WorkerLineParser.parse(WorkerProtocol.hello(4242, -1)));
        assertThrows(ProtocolException.class, () -> WorkerLineParser.parse("hello corelanes-worker 1 4242 -3"));
        assertThrows(ProtocolException.class, () -> WorkerLineParser.parse("hello corelanes-worker 1 4242 4250 9"));
        assertEquals(new Opened(3, SpanState.RUNNING, 1, -5), WorkerLineParser.parse("open 3 running 1 -5"));
        assertEquals(new SpanDone(3, SpanState.GIL_WAIT, -1, 10, 20), WorkerLineParser.parse("span 3 gil-wait -1 10 20"));
        assertEquals(new TaskEnd(3, TaskStatus.CANCELLED, -1, 30), WorkerLineParser.parse("end 3 cancelled -1 30"));
        assertEquals(new Bye(123, 45_000_000), WorkerLineParser.parse("bye 123 45000000"));
        assertEquals(new ErrorReport("out of memory"), WorkerLineParser.parse("error out of memory"));
    }

    @Test
    void formatsWhatItParses() throws Exception {
        var span = new dev.corelanes.engine.Span(7, "P1", 0, SpanState.PREEMPTED, 100, 250);
        assertEquals(new SpanDone(7, SpanState.PREEMPTED, 0, 100, 250), WorkerLineParser.parse(WorkerProtocol.span(span)));
        assertEquals(new TaskEnd(7, TaskStatus.COMPLETED, 5, 9),
                WorkerLineParser.parse(WorkerProtocol.end(7, TaskStatus.COMPLETED, 5, 9)));
    }

    @Test
    void samplesRoundTripInLinesOfBoundedLength() throws Exception {
        List<dev.corelanes.engine.CoreSample> samples = new java.util.ArrayList<>();
        samples.add(new dev.corelanes.engine.CoreSample(-5, 1, dev.corelanes.engine.CoreSample.Kind.BEGIN));
        for (int i = 1; i < 1200; i++) {
            samples.add(new dev.corelanes.engine.CoreSample(i * 1_000_000L, i % 3, dev.corelanes.engine.CoreSample.Kind.SAMPLE));
            if (i % 100 == 0) { // a preemption the task saw between two samples
                samples.add(new dev.corelanes.engine.CoreSample(i * 1_000_000L + 300_000, i % 3,
                        dev.corelanes.engine.CoreSample.Kind.OFF));
                samples.add(new dev.corelanes.engine.CoreSample(i * 1_000_000L + 700_000, (i + 1) % 3,
                        dev.corelanes.engine.CoreSample.Kind.ON));
            }
        }
        samples.add(new dev.corelanes.engine.CoreSample(1_200_000_000L, 2, dev.corelanes.engine.CoreSample.Kind.END));
        var batch = new dev.corelanes.engine.SampleBatch(4, "P1", 1_000_000, samples);
        List<dev.corelanes.engine.CoreSample> back = new java.util.ArrayList<>();
        for (int from = 0; from < samples.size(); from += WorkerProtocol.SAMPLES_PER_LINE) {
            String line = WorkerProtocol.samples(batch, from, Math.min(samples.size(), from + WorkerProtocol.SAMPLES_PER_LINE));
            assertTrue(line.length() < WorkerProtocol.MAX_LINE_BYTES);
            WorkerMessage.Samples m = (WorkerMessage.Samples) WorkerLineParser.parse(line);
            assertEquals(4, m.task());
            assertEquals(1_000_000, m.periodNanos());
            back.addAll(m.samples());
        }
        assertEquals(samples, back);
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples 1 1000", "samples 1 0 s:0:5", "samples 1 1000 x:0:5", "samples 1 1000 s:0",
            "samples 1 1000 s:-2:5", "samples 1 1000 s:0:+5", "samples 1 1000 s:0:9 s:0:8", "samples 0 1000 s:0:5",
            "samples 1 1000 ss:0:5"})
    void rejectsBadSamples(String line) {
        assertTrue(rejected(line).length() > 5, line);
    }

    @Test
    void rejectsAnEmptyLine() {
        assertEquals("empty line", rejected(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "Exception in thread \"main\"", "hello", "hello other-app 1 5", " hello corelanes-worker 1 5",
            "span 1 running 0 10", "span 1 running 0 10 20 30", "start  1 5", "bye 1"})
    void rejectsGarbageAndWrongShapes(String line) {
        assertTrue(rejected(line).length() > 5);
    }

    @Test
    void rejectsControlCharactersAndNonAscii() {
        assertTrue(rejected("start 1 5\u0000").contains("unexpected characters"));
        assertTrue(rejected("start 1 5\u00e9").contains("unexpected characters"));
    }

    @Test
    void rejectsHugeLines() {
        String huge = "span 1 running 0 1 " + "9".repeat(WorkerProtocol.MAX_LINE_BYTES);
        assertTrue(rejected(huge).contains("longer than 64 KiB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"start x 5", "start 0 5", "start -1 5", "start 1 +5", "start 1 5.0", "start 1 99999999999999999999",
            "open 1 running -2 5", "open 1 running 70000 5", "span 1 running 0 20 10", "end 1 completed -2 5",
            "bye -5 10", "bye 10 -7", "hello corelanes-worker 0 5", "hello corelanes-worker 1 0", "pong -1 5"})
    void rejectsBadNumbers(String line) {
        assertTrue(rejected(line).matches("(?s).*(bad|out of range|ends before).*"), line + " → " + rejected(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open 1 spawning -1 5", "open 1 dancing -1 5", "end 1 failed 0 5", "end 1 COMPLETED 0 5"})
    void rejectsUnknownWords(String line) {
        assertTrue(rejected(line).startsWith("unknown"), rejected(line));
    }

    private static String rejected(String line) {
        return assertThrows(ProtocolException.class, () -> WorkerLineParser.parse(line)).getMessage();
    }
}
