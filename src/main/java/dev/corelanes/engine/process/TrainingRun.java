package dev.corelanes.engine.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM recording a training run for a JDK AOT cache ({@code -XX:AOTMode=record}): the worker cache's trainer
 * and the window's. Such a JVM writes its record on every exit, even {@link Runtime#halt} (checked on JDK 25: a
 * halted recording still writes its ~8 MB configuration), which costs seconds of CPU for nobody when the
 * parent that would assemble it is gone. So a trainer whose parent is gone kills itself outright.
 */
public final class TrainingRun {

    private TrainingRun() {
    }

    /** Ends this JVM at once without writing its record: SIGKILL to itself where there is a kill, else halt. */
    public static void abandon() {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (String kill : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(kill))) {
                try {
                    dev.corelanes.engine.child.Children.start(new ProcessBuilder(kill, "-KILL", pid)).waitFor();
                } catch (IOException e) {
                    // try the next one, then halt
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Runtime.getRuntime().halt(143);
    }
}
