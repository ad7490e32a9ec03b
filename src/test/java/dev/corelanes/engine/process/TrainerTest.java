package dev.corelanes.engine.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up cache's trainer ({@code --worker --train}) runs a worker's real conversation from its script,
 * so the JVM records the code a run's worker uses; and it still ends when its parent goes.
 */
@Timeout(120) // a hang guard only
class TrainerTest {

    @Test
    void theTrainerHoldsARealConversationAndExitsNormally() throws Exception {
        Process p = WorkerCommand.forThisJvm().builder(StartupCache.TRAIN_ARG, List.of())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Its stdin stays open, as the cache builder keeps it: the script alone must carry it to the end.
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the trainer did not exit");
            assertEquals(0, p.exitValue(), String.join("\n", lines));
            List<WorkerMessage> messages = new ArrayList<>();
            for (String l : lines) {
                messages.add(WorkerLineParser.parse(l));
            }
            assertEquals(4, messages.stream().filter(WorkerMessage.Pong.class::isInstance).count(), "a pong per ping");
            assertEquals(1, messages.stream().filter(WorkerMessage.Hello.class::isInstance).count());
            List<WorkerMessage.TaskEnd> ends = messages.stream().filter(WorkerMessage.TaskEnd.class::isInstance)
                    .map(WorkerMessage.TaskEnd.class::cast).toList();
            assertEquals(List.of(1, 2, 3), ends.stream().map(WorkerMessage.TaskEnd::task).toList());
            ends.forEach(e -> assertEquals(dev.corelanes.engine.TaskStatus.COMPLETED, e.status()));
            assertTrue(messages.stream().anyMatch(WorkerMessage.Samples.class::isInstance), "compute tasks sampled cores");
            assertInstanceOf(WorkerMessage.Bye.class, messages.get(messages.size() - 1));
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("error")), String.join("\n", lines));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aTrainerWhoseParentIsGoneEndsToo() throws Exception {
        Process p = WorkerCommand.forThisJvm().builder(StartupCache.TRAIN_ARG, List.of())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            p.getOutputStream().close(); // what the trainer sees when its parent dies
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the trainer outlived its parent");
        } finally {
            p.destroyForcibly();
        }
    }
}
