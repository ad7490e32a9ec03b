package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lessons that run in real Python say which of their steps do. */
class PythonLessonsTest {

    @Test
    void doSomethingTwiceRunsBothStepsInPython() {
        Lesson l = Lessons.byId("do-something-python").orElseThrow();
        assertEquals(List.of(ExecutionMode.SEQUENTIAL, ExecutionMode.THREADS), l.steps().stream().map(ExperimentSpec::mode).toList());
        for (ExperimentSpec s : l.steps()) {
            assertTrue(l.python(s));
            assertEquals(TaskKind.SLEEP, s.kind());
            assertEquals(2, s.tasks());
            assertEquals(1.0, s.taskSeconds());
        }
    }

    @Test
    void theGilLessonComparesJavasEmulationWithRealCPython() {
        Lesson l = Lessons.byId("gil-real").orElseThrow();
        ExperimentSpec java = l.steps().get(0);
        ExperimentSpec python = l.steps().get(1);
        assertTrue(java.gil() && !l.python(java), "step 1: the emulation, in Java");
        assertTrue(!python.gil() && l.python(python), "step 2: the interpreter's own GIL");
        assertEquals(java.kind(), python.kind());
        assertEquals(java.mode(), python.mode());
    }

    @Test
    void theFreeThreadedLessonComputesOnThreadsInPythonAndIsOfferedOnlyWhereSuchAPythonWasFound() {
        Lesson l = Lessons.byId("free-threaded").orElseThrow();
        assertTrue(l.freeThreaded());
        for (ExperimentSpec s : l.steps()) {
            assertTrue(l.python(s), "every step runs in the free-threaded interpreter");
            assertEquals(TaskKind.COMPUTE, s.kind());
            assertEquals(ExecutionMode.THREADS, s.mode());
            assertTrue(s.tasks() >= 2, "threads computing side by side");
        }
        assertFalse(Lessons.available(false).contains(l), "no free-threaded Python here: not offered");
        assertTrue(Lessons.available(true).contains(l));
        assertEquals(Lessons.all().size() - 1, Lessons.available(false).size(), "every other lesson stays");
        assertFalse(Lessons.byId("gil-real").orElseThrow().freeThreaded(), "an ordinary CPython is enough there");
        assertThrows(IllegalArgumentException.class, () -> new Lesson("x", "x", "x?", l.steps(), "x", List.of(),
                List.of(false), true), "a free-threaded lesson with no Python step");
    }

    @Test
    void javaLessonsRunInJavaAndEveryStepIsAccountedFor() {
        Lesson l = Lessons.byId("do-something").orElseThrow();
        assertFalse(l.steps().stream().anyMatch(l::python));
        assertThrows(IllegalArgumentException.class, () -> Lesson.inPython("x", "x", "x", l.steps(), "x", List.of(true)));
    }
}
