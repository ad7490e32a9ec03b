package dev.corelanes.launch;

import dev.corelanes.engine.BackgroundWork;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training the window's AOT cache while idle: a run stops a step before its clock starts, the step is tried again
 * at the next idle spell, none starts during a measurement, and closing the window kills it. The steps are stand-ins
 * (no 5-s JVM): each runs until the test ends it, or until killed; idle spells come when the test says.
 */
class IdleTrainingTest {

    @TempDir
    Path tmp;

    private IdleTraining training;

    @AfterEach
    void closeTraining() throws Exception {
        if (training != null) {
            training.close();
            training.endedFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A step's process that runs until {@link #finish} or a kill, and notes when it was killed. */
    static final class FakeStep extends Process {
        final List<String> cmd;
        private final CountDownLatch exited = new CountDownLatch(1);
        private volatile int code = -1;
        /** {@link System#nanoTime()} once a kill had ended it; 0 while it was not killed. */
        volatile long killedAt;

        FakeStep(List<String> cmd) {
            this.cmd = cmd;
        }

        /** Ends by itself, having written {@code file} (a step's output), with {@code exit}. */
        void finish(Path file, int exit) throws Exception {
            if (file != null) {
                Files.write(file, new byte[512]);
            }
            code = exit;
            exited.countDown();
        }

        boolean records() {
            return cmd.contains("-XX:AOTMode=record");
        }

        @Override
        public Process destroyForcibly() {
            if (exited.getCount() > 0) {
                code = 137;
                killedAt = System.nanoTime();
                exited.countDown();
            }
            return this;
        }

        @Override
        public void destroy() {
            destroyForcibly();
        }

        @Override
        public int waitFor() throws InterruptedException {
            exited.await();
            return code;
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            return exited.await(timeout, unit);
        }

        @Override
        public int exitValue() {
            if (exited.getCount() > 0) {
                throw new IllegalThreadStateException("running");
            }
            return code;
        }

        @Override
        public boolean isAlive() {
            return exited.getCount() > 0;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }
    }

    /** Steps started so far, in order; the next one is taken from {@link #started}. */
    private final List<FakeStep> steps = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<FakeStep> started = new LinkedBlockingQueue<>();
    /** One permit: one idle spell. */
    private final Semaphore idleSpells = new Semaphore(0);

    private AppTraining.Plan plan() throws Exception {
        Path jar = Files.writeString(tmp.resolve("corelanes.jar"), "not really a jar");
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        List<String> options = List.of(Relaunch.OPTION, "-XX:+UseSerialGC");
        AppArchive.Names n = AppArchive.names(options, jar.toString(), dir, 25);
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(options);
        cmd.addAll(AppArchive.flags(n, 25));
        cmd.addAll(List.of("-cp", jar.toString(), "dev.corelanes.Main"));
        return AppTraining.plan(cmd, n);
    }

    private IdleTraining start(AppTraining.Plan p) throws InterruptedException {
        for (int i = 0; i < 12_000 && BackgroundWork.quietNanos() == 0; i++) {
            Thread.sleep(10); // a run of an earlier test handing over its trace
        }
        training = new IdleTraining(() -> p, cmd -> {
            FakeStep s = new FakeStep(cmd);
            steps.add(s);
            started.add(s);
            return s;
        }, t -> {
            idleSpells.acquire();
            return true;
        });
        training.start();
        return training;
    }

    private FakeStep nextStep() throws InterruptedException {
        FakeStep s = started.poll(60, TimeUnit.SECONDS);
        assertNotNull(s, "a step started");
        return s;
    }

    private static void awaitNoMeasurement() throws InterruptedException {
        while (BackgroundWork.quietNanos() == 0) {
            Thread.sleep(5);
        }
    }

    @Test
    void aRunStopsTheStepBeforeItsClockStartsAndTrainingResumesWhenIdle() throws Exception {
        AppTraining.Plan p = plan();
        start(p);
        idleSpells.release();
        FakeStep first = nextStep();
        assertTrue(first.records(), "the trainer comes first");
        assertTrue(first.isAlive());

        Trace run = Runs.start(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MachineInfo.fromJvm())
                .await(120, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, run.status());
        assertFalse(first.isAlive(), "the run killed the training step");
        assertTrue(first.killedAt != 0, "killed, not left to finish");
        long origin = run.conditions().monotonicOriginNanos();
        assertTrue(first.killedAt - origin < 0, "the step had ended before the run's clock started: "
                + (origin - first.killedAt) + " ns before");
        assertTrue(started.isEmpty(), "nothing started again without an idle spell");

        awaitNoMeasurement(); // the run's trace is handed over just before its measurement is closed
        idleSpells.release();
        FakeStep again = nextStep();
        assertTrue(again.records(), "the stopped trainer starts again from the beginning");
        again.finish(p.config(), 0);
        idleSpells.release();
        FakeStep create = nextStep();
        assertTrue(create.cmd.contains("-XX:AOTMode=create"), create.cmd.toString());
        create.finish(p.built(), 0);
        assertTrue(training.endedFuture().get(60, TimeUnit.SECONDS), "the cache was made");
        CacheFiles.Generation g = p.names().aot();
        assertNotNull(g, "published where the next launch looks");
        assertTrue(CacheFiles.valid(g.data(), g.sum()));
        assertFalse(Files.exists(p.config()) || Files.exists(p.built()), "no temporary file left");
        assertFalse(Files.exists(p.names().untrained()));
        assertEquals(3, steps.size());
    }

    @Test
    void noStepStartsWhileAMeasurementGoesOnAndTheAssemblerAloneIsRedoneAfterAStop() throws Exception {
        AppTraining.Plan p = plan();
        start(p);
        idleSpells.release();
        nextStep().finish(p.config(), 0);
        FakeStep create;
        try (BackgroundWork.Measurement m = BackgroundWork.measurementStarting()) {
            idleSpells.release(); // an idle spell as seen a moment before the run began
            idleSpells.release();
            // The training thread takes both spells and starts nothing while the measurement lasts.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (idleSpells.availablePermits() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(started.isEmpty(), "no step during a measurement");
        }
        idleSpells.release();
        create = nextStep();
        assertTrue(create.cmd.contains("-XX:AOTMode=create"), "the record was kept: only the assembler again: " + steps.size() + " " + create.cmd);
        BackgroundWork.measurementStarting().close(); // a run starting kills it
        assertFalse(create.isAlive());
        idleSpells.release();
        FakeStep again = nextStep();
        assertTrue(again.cmd.contains("-XX:AOTMode=create"));
        again.finish(p.built(), 0);
        assertTrue(training.endedFuture().get(60, TimeUnit.SECONDS));
    }

    @Test
    void closingTheWindowKillsTheStepAndLeavesTheCacheToTheNextSession() throws Exception {
        AppTraining.Plan p = plan();
        start(p);
        idleSpells.release();
        FakeStep step = nextStep();
        Files.write(p.config(), new byte[10]); // half a record
        training.close();
        assertFalse(step.isAlive(), "killed as the window closed");
        assertFalse(training.endedFuture().get(60, TimeUnit.SECONDS), "no cache this session");
        assertNull(p.names().aot());
        assertFalse(Files.exists(p.config()), "its temporary files went");
        assertFalse(Files.exists(p.names().untrained()), "stopped is not failed: the next session trains");
        assertTrue(AppTraining.due(p));
    }

    @Test
    void aStepThatFailsByItselfIsNotedAndNotTriedAgain() throws Exception {
        AppTraining.Plan p = plan();
        start(p);
        idleSpells.release();
        nextStep().finish(null, 1);
        assertFalse(training.endedFuture().get(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(p.names().untrained()));
        assertFalse(AppTraining.due(p), "not for this jar and JDK");
        assertEquals(1, steps.size());
    }
}
