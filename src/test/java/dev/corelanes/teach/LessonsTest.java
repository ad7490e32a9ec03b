package dev.corelanes.teach;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonsTest {

    @Test
    void theNotebooksExampleComparesSequentialWithThreads() {
        Lesson l = Lessons.byId("do-something").orElseThrow();
        assertEquals(ExecutionMode.SEQUENTIAL, l.steps().get(0).mode());
        assertEquals(ExecutionMode.THREADS, l.steps().get(1).mode());
        l.steps().forEach(s -> {
            assertEquals(TaskKind.SLEEP, s.kind());
            assertEquals(2, s.tasks());
            assertEquals(1.0, s.taskSeconds());
        });
    }

    @Test
    void thePythonLessonTurnsTheGilOnForThreadsAndProcesses() {
        Lesson l = Lessons.byId("cpu-python").orElseThrow();
        assertTrue(l.steps().stream().allMatch(s -> s.gil() && s.kind() == TaskKind.COMPUTE));
        assertTrue(l.steps().stream().anyMatch(s -> s.mode() == ExecutionMode.THREADS));
        assertTrue(l.steps().stream().anyMatch(s -> s.mode().processBased()));
    }

    @Test
    void theOneCoreLessonRunsTwoComputeThreadsOnOneCoreThenTwo() {
        Lesson l = Lessons.byId("one-core").orElseThrow();
        assertEquals(l.steps().get(0), l.steps().get(1)); // the same experiment, only the cores differ
        assertEquals(TaskKind.COMPUTE, l.first().kind());
        assertEquals(2, l.first().tasks());
        assertEquals(1, l.coresOf(0));
        assertEquals(2, l.coresOf(1));
        assertEquals(0, Lessons.byId("cpu-java").orElseThrow().coresOf(0)); // other lessons use every core
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Lesson("x", "x", "x?",
                l.steps(), "x", java.util.List.of(1)));
    }

    @Test
    void everyLessonHasAUniqueIdAQuestionAndAClaimItsStepsCanBeCheckedAgainst() {
        Set<String> ids = new HashSet<>();
        for (Lesson l : Lessons.all()) {
            assertTrue(ids.add(l.id()), l.id());
            assertTrue(l.question().endsWith("?"), l.id());
            assertTrue(l.claim().length() > 60, l.id());
            assertFalse(l.claims().isEmpty(), l.id());
            for (LessonClaim c : l.claims()) {
                for (int step : c.steps()) {
                    assertTrue(step >= 0 && step < l.steps().size(), l.id());
                }
            }
        }
        assertTrue(ids.containsAll(Set.of("do-something", "io-bound", "cpu-java", "cpu-python", "oversubscribed",
                "virtual-10k", "process-pool")));
    }
}
