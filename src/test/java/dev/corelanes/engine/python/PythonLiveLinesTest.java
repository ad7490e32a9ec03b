package dev.corelanes.engine.python;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the Python worker writes its protocol lines ({@code emit} in corelanes_experiment.py), run by the real
 * interpreter with its writes recorded: a compute task's span lines go out together, anything else at once and in
 * order. Each write wakes CoreLanes's reader, which the kernel puts on the writer's CPU.
 */
@Timeout(60)
class PythonLiveLinesTest {

    @TempDir
    static Path dir;
    private static String python;

    @BeforeAll
    static void worker() throws Exception {
        python = Pythons.python3().path();
        Files.writeString(dir.resolve(PythonScript.RESOURCE), PythonScript.template());
    }

    /** Runs {@code body} with the script's writes recorded; prints each write as one line, its lines joined by '|'. */
    private static List<String> writes(String body) throws Exception {
        String program = "import sys\nsys.argv = ['x', '--corelanes']\nimport corelanes_experiment as e\n"
                + "out = []\ne._write = lambda data: out.append(data.decode().rstrip('\\n').replace('\\n', '|'))\n"
                + body + "\nfor w in out: print(w)\n";
        return Pythons.runIn(dir, python, program).lines().toList();
    }

    @Test
    void spanLinesWaitForEachOtherAndTheNextOtherLineTakesThemAlongInOrder() throws Exception {
        assertEquals(List.of("open 1 T1 running 0 5", "span 1 T1 running 0 5 9|open 1 T1 gil-wait -1 9|end 1 T1 completed 4 12"),
                writes("""
                        e.emit('open 1 T1 running 0 5', True)
                        e.emit('span 1 T1 running 0 5 9', True)
                        e.emit('open 1 T1 gil-wait -1 9', True)
                        e.emit('end 1 T1 completed 4 12')
                        """), "the first live line goes (nothing written for 10 ms), the next two wait for the end line");
    }

    @Test
    void waitingLinesGoOnceTenMillisecondsOldAtAComputeTasksProbe() throws Exception {
        assertEquals(List.of("open 1 T1 running 0 5", "span 1 T1 running 0 5 9|open 1 T1 preempted -1 9"),
                writes("""
                        e.emit('open 1 T1 running 0 5', True)
                        e.emit('span 1 T1 running 0 5 9', True)
                        e.emit('open 1 T1 preempted -1 9', True)
                        e.flush_due()
                        before = len(out)
                        import time
                        time.sleep(0.02)
                        e.flush_due()
                        assert before == 1, out
                        """));
    }
}
