package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConversationTest {

    private final WorkerConversation c = new WorkerConversation();

    private void say(String line) throws Exception {
        c.accept(WorkerLineParser.parse(line));
    }

    private String refused(String line) {
        return assertThrows(ProtocolException.class, () -> say(line)).getMessage();
    }

    @Test
    void aWholeConversation() throws Exception {
        say("hello corelanes-worker 1 77");
        c.pingSent(1);
        say("pong 1 500");
        c.taskSent(4);
        assertEquals(4, c.currentTask());
        say("start 4 1000");
        say("open 4 running 0 1000");
        say("span 4 running 0 1000 1500");
        say("end 4 completed 400 1600");
        assertEquals(0, c.currentTask());
        c.taskSent(5);
        say("start 5 2000");
        say("end 5 completed 1 2001");
        c.byeRequested();
        say("bye 900 40000000");
        assertTrue(c.closed());
    }

    @Test
    void helloComesFirstAndInThisVersion() throws Exception {
        assertTrue(refused("start 1 5").startsWith("expected hello first"));
        assertTrue(refused("hello corelanes-worker 2 77").contains("protocol version 2"));
        say("hello corelanes-worker 1 77");
        assertEquals("a second hello", refused("hello corelanes-worker 1 77"));
    }

    @Test
    void refusesOutOfOrderLines() throws Exception {
        say("hello corelanes-worker 1 77");
        assertTrue(refused("pong 3 5").contains("answers no ping"));
        assertTrue(refused("start 1 5").contains("no task was handed out"));
        assertTrue(refused("span 1 running 0 5 6").contains("outside a task"));
        c.taskSent(1);
        assertTrue(refused("end 1 completed 0 5").contains("outside a task"), "end before start");
        say("start 1 100");
        assertTrue(refused("span 1 running 0 50 60").contains("before the task started"));
        assertTrue(refused("bye 1 1").contains("middle of task 1"));
    }

    @Test
    void refusesAnotherTasksId() throws Exception {
        say("hello corelanes-worker 1 77");
        c.taskSent(2);
        assertTrue(refused("start 3 5").contains("task 3 while running task 2"));
        say("start 2 5");
        assertTrue(refused("open 9 sleeping -1 6").contains("task 9 while running task 2"));
        assertTrue(refused("end 1 completed 0 6").contains("task 1 while running task 2"));
    }

    @Test
    void byeOnlyWhenAskedAndNothingAfterIt() throws Exception {
        say("hello corelanes-worker 1 77");
        assertEquals("bye without being asked", refused("bye 1 1"));
        c.byeRequested();
        say("bye 1 1");
        assertTrue(refused("start 1 5").startsWith("a line after bye"));
    }

    @Test
    void errorReportsAreAlwaysHeard() {
        assertDoesNotThrow(() -> say("error could not load the core probe"));
    }
}
