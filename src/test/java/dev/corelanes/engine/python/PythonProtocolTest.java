package dev.corelanes.engine.python;

import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.python.PythonMessage.End;
import dev.corelanes.engine.python.PythonMessage.SpanDone;
import dev.corelanes.engine.python.PythonMessage.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every line of the Python worker is checked: words and numbers, then the order. */
class PythonProtocolTest {

    @Test
    void readsEachMessage() throws Exception {
        SpanDone s = (SpanDone) PythonLineParser.parse("span 3 T3 gil-wait -1 100 250");
        assertEquals(new SpanDone(3, "T3", SpanState.GIL_WAIT, -1, 100, 250), s);
        assertEquals(new SpanDone(0, "P2", SpanState.SPAWNING, -1, -5, 7), PythonLineParser.parse("span 0 P2 spawning -1 -5 7"));
        assertEquals(new End(1, "main", TaskStatus.CANCELLED, -1, 9), PythonLineParser.parse("end 1 main cancelled -1 9"));
        assertEquals(new Worker("P1", true, 4242), PythonLineParser.parse("worker P1 process 4242"));
        assertEquals(new PythonMessage.ThreadId("T2", 4242, 4250), PythonLineParser.parse("thread T2 4242 4250"));
        assertEquals(new PythonMessage.Memory("P1", 14_876_672), PythonLineParser.parse("memory P1 14876672"));
        assertEquals(new PythonMessage.Memory("P2", -1), PythonLineParser.parse("memory P2 -1"));
        assertInstanceOf(PythonMessage.ErrorReport.class, PythonLineParser.parse("error ZeroDivisionError: division by zero"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "''| empty line",
            "hello corelanes-worker 1 5 | hello from 'corelanes-worker', not corelanes-python",
            "span 1 T1 running 0 10 | expected 'span TASK WORKER STATE CORE START END'",
            "thread T1 4242 | expected 'thread WORKER PID TID'",
            "thread T1 4242 -1 | thread id out of range",
            "span 1 T1 running 0 20 10 | span ends before it starts (20 > 10)",
            "span 1 T1 spawning -1 1 2 | a task cannot be spawning",
            "span 0 P1 running 0 1 2 | a worker's own span must be spawning",
            "span 1 T1 dancing 0 1 2 | unknown span state 'dancing'",
            "span 1 T1 running 70000 1 2 | core out of range: 70000",
            "span 1 T1 running -2 1 2 | core out of range: -2",
            "span 1 T1 running 0 +1 2 | bad time '+1'",
            "span 1 T1 running 0 99999999999999999999 2 | bad time '99999999999999999999'",
            "span 1 T/1 running 0 1 2 | bad worker name 'T/1'",
            "start 0 T1 5 | task id out of range: 0",
            "end 1 T1 failed 5 6 | unknown task status 'failed'",
            "end 1 T1 completed -2 6 | CPU time out of range: -2",
            "worker T1 fiber 5 | a worker is a thread or a process, not 'fiber'",
            "ready 0 10 | steps per second out of range: 0",
            "bonjour | unknown message 'bonjour'",
            "memory P1 -2 | peak memory out of range: -2",
            "memory P1 | expected 'memory WORKER PEAK_RSS'",
            "memory P/1 5 | bad worker name 'P/1'",
    })
    void refusesMalformedLines(String line, String why) {
        PythonProtocolException e = assertThrows(PythonProtocolException.class, () -> PythonLineParser.parse(line));
        assertTrue(e.getMessage().startsWith(why), e.getMessage());
    }

    @Test
    void refusesControlCharactersAndHugeLines() {
        assertTrue(assertThrows(PythonProtocolException.class, () -> PythonLineParser.parse("start 1 T1 5\u0000"))
                .getMessage().contains("\\x00"));
        assertEquals("line longer than 64 KiB", assertThrows(PythonProtocolException.class,
                () -> PythonLineParser.parse("x".repeat(70_000))).getMessage());
    }

    private static PythonConversation running(int tasks) throws Exception {
        PythonConversation c = new PythonConversation(tasks);
        feed(c, "hello corelanes-python 1 77");
        c.prepareSent();
        feed(c, "ready 1000 5");
        c.runSent();
        return c;
    }

    private static void feed(PythonConversation c, String... lines) throws Exception {
        for (String l : lines) {
            c.accept(PythonLineParser.parse(l));
        }
    }

    private static String refused(PythonConversation c, String line) {
        return assertThrows(PythonProtocolException.class, () -> c.accept(PythonLineParser.parse(line))).getMessage();
    }

    @Test
    void aWholeRunIsAccepted() throws Exception {
        PythonConversation c = running(2);
        feed(c, "worker T1 thread 77", "worker T2 thread 77", "start 1 T1 10", "start 2 T2 11",
                "open 1 T1 running 0 10", "span 1 T1 running 0 10 20", "span 2 T2 gil-wait -1 11 20",
                "end 1 T1 completed 10 30", "end 2 T2 completed 9 31", "bye 40 1000");
        assertTrue(c.closed());
    }

    @Test
    void refusesLinesOutOfOrder() throws Exception {
        PythonConversation fresh = new PythonConversation(1);
        assertEquals("expected hello first, got start", refused(fresh, "start 1 T1 5"));
        PythonConversation old = new PythonConversation(1);
        assertTrue(refused(old, "hello corelanes-python 2 5").startsWith("the script speaks protocol version 2"));

        PythonConversation c = new PythonConversation(2);
        feed(c, "hello corelanes-python 1 77");
        assertEquals("pong 3 answers no ping", refused(c, "pong 3 5"));
        assertEquals("ready without being asked to prepare", refused(c, "ready 5 5"));
        assertEquals("start of task 1 before the run began", refused(c, "start 1 T1 5"));

        PythonConversation r = running(2);
        assertEquals("task 3 is not one of the 2 tasks", refused(r, "start 3 T3 5"));
        assertEquals("span of task 1 before it started", refused(r, "span 1 T1 running 0 5 6"));
        feed(r, "start 1 T1 100");
        assertEquals("task 1 started twice", refused(r, "start 1 T1 101"));
        assertEquals("span of task 1 from T2, but T1 runs it", refused(r, "span 1 T2 running 0 100 110"));
        assertEquals("open span of task 1 dated before the task started", refused(r, "open 1 T1 running 0 99"));
        assertEquals("bye after 0 of 2 tasks", refused(r, "bye 1 1"));
        feed(r, "end 1 T1 completed 5 120");
        assertEquals("end of task 1 after it ended", refused(r, "end 1 T1 completed 5 121"));
    }

    @Test
    void memoryComesOnceFromAWorkerProcess() throws Exception {
        PythonConversation r = running(2);
        assertEquals("memory of P1, which is no worker process", refused(r, "memory P1 1000"));
        feed(r, "worker T1 thread 77", "worker P1 process 78", "memory P1 15000000");
        assertEquals("memory of T1, which is no worker process", refused(r, "memory T1 1000"));
        assertEquals("memory of P1 twice", refused(r, "memory P1 1000"));
        PythonConversation before = new PythonConversation(1);
        feed(before, "hello corelanes-python 1 77");
        assertEquals("memory of P1 before the run began", refused(before, "memory P1 5"));
    }

    @Test
    void afterStopByeMayComeWithTasksUnfinishedAndNothingAfterIt() throws Exception {
        PythonConversation r = running(3);
        feed(r, "start 1 T1 100");
        r.stopSent();
        feed(r, "end 1 T1 cancelled -1 150", "bye -1 -1");
        assertEquals("a line after bye: start", refused(r, "start 2 T2 200"));
    }
}
