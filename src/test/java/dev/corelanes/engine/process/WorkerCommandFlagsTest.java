package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's JVM options that depend on the JDK: an option a JDK does not know stops the JVM at once. */
class WorkerCommandFlagsTest {

    @Test
    void theRecordedCompilationsAreNotReplayedFromJdk25On() {
        for (int feature = 21; feature <= 24; feature++) {
            assertEquals(List.of(), WorkerCommand.replayFlags(feature), "JDK " + feature + " has no such option");
        }
        assertEquals(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"), WorkerCommand.replayFlags(25));
    }

    @Test
    void aWorkerOfThisJdkGetsThemBeforeItsMainClass() {
        List<String> cmd = WorkerCommand.forThisJvm().builder("P1", List.of()).command();
        List<String> expected = WorkerCommand.replayFlags(Runtime.version().feature());
        if (!expected.isEmpty()) {
            int at = cmd.indexOf(expected.get(0));
            assertTrue(at > 0 && cmd.subList(at, at + expected.size()).equals(expected), cmd.toString());
            assertTrue(at < cmd.indexOf(WorkerCommand.MAIN_CLASS), cmd.toString());
        }
    }
}
