package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a worker's stdout carries, and when: conversation lines at once, live lines together a little later. */
class ChildOutputTest {

    /** The pipe: what reached it, as the parent would read it, and in how many writes (each wakes the parent). */
    private final ByteArrayOutputStream pipe = new ByteArrayOutputStream() {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            flushes++;
            super.write(b, off, len);
        }
    };
    private int flushes;
    private final ChildOutput out = new ChildOutput(new PrintStream(new BufferedOutputStream(pipe, 8192), false,
            StandardCharsets.US_ASCII));

    private String piped() {
        synchronized (pipe) {
            return pipe.toString(StandardCharsets.US_ASCII);
        }
    }

    private int flushes() {
        synchronized (pipe) {
            return flushes;
        }
    }

    private static Span running(long start, long end) {
        return new Span(1, "P1", 0, SpanState.RUNNING, start, end);
    }

    @Test
    void aConversationLineReachesThePipeAtOnceWithTheLiveLinesBeforeItInOrder() {
        synchronized (out) { // the flusher waits
            out.opened(running(10, 10));
            out.accept(running(10, 20));
            out.line(WorkerProtocol.end(1, dev.corelanes.engine.TaskStatus.COMPLETED, 5, 30));
            assertEquals(1, flushes(), "one write");
        }
        String expected = WorkerProtocol.open(running(10, 10)) + "\n" + WorkerProtocol.span(running(10, 20)) + "\n"
                + WorkerProtocol.end(1, dev.corelanes.engine.TaskStatus.COMPLETED, 5, 30) + "\n";
        assertEquals(expected, piped());
    }

    @Test
    void liveLinesAreWrittenTogetherWithoutAnyFurtherLine() throws InterruptedException {
        synchronized (out) { // the flusher waits until both are written
            out.opened(running(10, 10));
            out.accept(running(10, 20));
            out.samples(new dev.corelanes.engine.SampleBatch(1, "P1", 1_000_000,
                    java.util.List.of(new dev.corelanes.engine.CoreSample(15, 0, dev.corelanes.engine.CoreSample.Kind.SAMPLE))));
            assertEquals(0, flushes(), "a live line written by itself");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a hang guard, not a time limit
        while (flushes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, flushes(), "three lines, one write");
        assertEquals(3, piped().split("\n").length);
        assertTrue(piped().startsWith(WorkerProtocol.open(running(10, 10)) + "\n" + WorkerProtocol.span(running(10, 20)) + "\n"));
    }

    @Test
    void manySamplesStayInOrderAcrossLines() {
        java.util.List<dev.corelanes.engine.CoreSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < WorkerProtocol.SAMPLES_PER_LINE + 3; i++) {
            samples.add(new dev.corelanes.engine.CoreSample(1_000L * i, i % 2, dev.corelanes.engine.CoreSample.Kind.SAMPLE));
        }
        out.samples(new dev.corelanes.engine.SampleBatch(1, "P1", 1_000_000, samples));
        out.flush();
        String[] lines = piped().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith(WorkerProtocol.samples(new dev.corelanes.engine.SampleBatch(1, "P1", 1_000_000,
                samples), 0, 1).substring(0, 3)));
    }

    @Test
    void aLiveLineNeverWaitsForTheFlushersWriteToThePipe() throws Exception {
        // A pipe the parent does not read: the flusher's write hangs in it.
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // Buffered, as a worker's stdout is: only a flush reaches the pipe.
        ChildOutput stuck = new ChildOutput(new PrintStream(new BufferedOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 8192), false, StandardCharsets.US_ASCII));
        try {
            stuck.opened(running(10, 10));
            assertTrue(writing.await(30, TimeUnit.SECONDS), "the flusher writes the line"); // a hang guard
            // The task thread reports a preemption while the flusher is in its write.
            Thread task = Thread.ofPlatform().start(() -> {
                stuck.accept(running(10, 20));
                stuck.opened(running(30, 30));
            });
            task.join(TimeUnit.SECONDS.toMillis(30)); // a hang guard: with the pipe stuck, waiting would never end
            assertTrue(!task.isAlive(), "the task thread wrote its lines with the pipe still stuck");
        } finally {
            release.countDown();
        }
    }
}
