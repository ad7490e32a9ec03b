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
        assertEquals(List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"),
                WorkerCommand.replayFlags(25));
    }

    /** A later JDK that drops the diagnostic option must still start workers: shown with an option no JDK has. */
    @Test
    void aJvmWithTheseFlagsStartsEvenWhenOneIsUnknownToIt() throws Exception {
        int feature = Runtime.version().feature();
        List<String> flags = new java.util.ArrayList<>(WorkerCommand.replayFlags(feature));
        org.junit.jupiter.api.Assumptions.assumeFalse(flags.isEmpty(), "JDK " + feature + " gets no such options");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-XX:-CoreLanesNoSuchOptionInAnyJdk");
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the JVM ended");
        assertEquals(0, p.exitValue(), out);
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
