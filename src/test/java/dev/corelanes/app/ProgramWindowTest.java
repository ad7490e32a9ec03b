package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.trace.ProgramTrace;
import dev.corelanes.engine.platform.windows.SystemProcessInformation;
import dev.corelanes.fixtures.FakeThreadTables;
import dev.corelanes.fixtures.Needs;
import dev.corelanes.hardware.Hardware;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** File ▸ Run my program…, as a student uses it: their Python file on the lanes, Cancel, a file that is not there. */
@ExtendWith(ApplicationExtension.class)
class ProgramWindowTest {

    /** Each test's own runs folder (kept runs come back in the next window); the scripts' folder. */
    private Path runs;
    private static Path work;
    private static final List<Path> folders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private RunSession session;
    private MainWindow window;
    private Stage stage;
    private final AnsweringAsker asker = new AnsweringAsker();
    private AppPrefs prefs;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        runs = Files.createTempDirectory("corelanes-program-runs");
        folders.add(runs);
        if (work == null) {
            work = Files.createTempDirectory("corelanes-program-work");
            folders.add(work);
        }
        prefs = TestPrefs.fresh();
        open();
        stage.show();
    }

    private void open() {
        session = new RunSession(Hardware.detect());
        window = new MainWindow(session, prefs, asker, new RunStore(runs));
        window.install(stage);
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @BeforeEach
    void linux() {
        assumeTrue(ProgramTrace.unavailableReason().isEmpty(), ProgramTrace.unavailableReason());
        Needs.tool("python3");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @AfterAll
    static void clean() throws IOException {
        TestPrefs.removeAll();
        for (Path d : folders) {
            if (d != null) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private void waitReady() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.machineProperty().get() != null);
    }

    private static void openDialog(FxRobot robot) {
        robot.clickOn("File");
        robot.clickOn("#runProgramItem");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#programStatus").queryAs(Label.class).getText();
    }

    private static void type(FxRobot robot, String line) {
        TextField f = robot.lookup("#programCommand").queryAs(TextField.class);
        robot.interact(() -> f.setText(line));
        robot.clickOn("#programRun");
    }

    @Test
    void aStudentsPythonThreadsAppearOnTheLanesAsItRunsAndTheRunIsKept(FxRobot robot) throws Exception {
        waitReady();
        Path script = Files.writeString(work.resolve("my threads.py"), """
                import threading, time
                def work():
                    x = 0
                    for i in range(3_000_000):
                        x += i
                    time.sleep(1.5)
                ts = [threading.Thread(target=work) for _ in range(2)]
                for t in ts: t.start()
                for t in ts: t.join()
                print("both threads done")
                """);
        openDialog(robot);
        asker.answer(script);
        robot.clickOn("#programChoose");
        assertEquals("'" + script + "'", robot.lookup("#programCommand").queryAs(TextField.class).getText());
        robot.clickOn("#programRun");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        RunRow row = session.runs().get(0);
        // Live: the lanes know the program's three threads while it still runs.
        AtomicInteger liveThreads = new AtomicInteger();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            robot.interact(() -> {
                if (row.trace() == null) {
                    liveThreads.set(row.model().workerCount());
                }
            });
            return liveThreads.get() >= 3 || row.trace() != null;
        });
        assertTrue(liveThreads.get() >= 3, "the threads appeared on the lanes while it ran: " + liveThreads);

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> row.trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Trace t = row.trace();
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(ExecutionMode.TRACED, t.spec().mode());
        assertTrue(t.tasks().size() >= 3, t.tasks().toString());
        assertEquals("completed", row.statusProperty().get());
        // The figures beside the wall clock say plainly what a traced program has: its threads' CPU, no ideal.
        String cpu = robot.lookup("#wallCpu").queryAs(javafx.scene.control.Label.class).getText();
        String ideal = robot.lookup("#wallIdeal").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(cpu.endsWith("all of it the program's own threads"), cpu);
        assertFalse(ideal.contains("at a time"), ideal);
        TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
        assertTrue(table.getItems().contains(row), "the run is in the runs table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#programOutput").queryAs(TextArea.class).getText().contains("both threads done"));
        assertTrue(status(robot).contains("finished"), status(robot));
        assertEquals("'" + script + "'", prefs.lastProgram(), "the program is remembered");

        // Kept: after a restart it is back in the table, a traced run like any other.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> keptFiles() == 1);
        robot.interact(() -> {
            window.programDialog().stage().close();
            session.close();
            open();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        Trace back = session.runs().get(0).trace();
        assertEquals(ExecutionMode.TRACED, back.spec().mode());
        assertEquals(t.tasks().size(), back.tasks().size());
        openDialog(robot);
        assertEquals("'" + script + "'", robot.lookup("#programCommand").queryAs(TextField.class).getText(),
                "the last program is offered again");
    }

    private long keptFiles() throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-")).count();
        }
    }

    @Test
    void onWindowsTheThreadsAreDrawnOneLaneEachAndTheNoteSaysWhy(FxRobot robot) throws Exception {
        Needs.shell();
        waitReady();
        // Windows as a fake thread table replays it (through the real struct parser): the program itself is real.
        FakeThreadTables.Fake windows = FakeThreadTables.windows(List.of(new FakeThreadTables.Step(1, List.of(
                new FakeThreadTables.P(0, -1, "python.exe", List.of(
                        new FakeThreadTables.T(1, SystemProcessInformation.RUNNING, 0, 1, ""),
                        new FakeThreadTables.T(2, SystemProcessInformation.WAITING,
                                SystemProcessInformation.DELAY_EXECUTION, 0, "")))))), System::nanoTime);
        try (AutoCloseable host = dev.corelanes.engine.trace.TraceHost.use(new dev.corelanes.engine.trace.TraceHost(
                dev.corelanes.engine.platform.Os.WINDOWS, () -> windows))) {
            openDialog(robot);
            type(robot, "sleep 1");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().size() == 1);
            WaitForAsyncUtils.waitForFxEvents();
            // While it runs: one lane per thread (no CPU lanes to place it on), and why, in the OS's words.
            assertEquals(dev.corelanes.view.LaneMode.WORKERS, window.timeline().laneModeProperty().get());
            String note = robot.lookup("#timelineNote").queryAs(Label.class).getText();
            assertTrue(note.startsWith("Windows does not tell which CPU another process's thread ran on"), note);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().get(0).trace() != null);
            WaitForAsyncUtils.waitForFxEvents();
        }
        Trace t = session.runs().get(0).trace();
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(List.of("python.exe"), t.workers().stream().map(w -> w.name().substring(0, w.name().indexOf(" [")))
                .distinct().toList());
        assertTrue(t.coreUnknown());
        assertEquals(dev.corelanes.view.LaneMode.WORKERS, window.timeline().laneModeProperty().get());
        assertTrue(robot.lookup("#timelineNote").queryAs(Label.class).getText().startsWith("Windows does not tell"));
    }

    @Test
    void cancelStopsTheProgramWithEverythingItStarted(FxRobot robot) throws Exception {
        Needs.shell();
        waitReady();
        openDialog(robot);
        type(robot, "sh -c 'sleep 300 & sleep 300 & wait'");
        List<ProcessHandle> sleeps = awaitSleeps();
        robot.clickOn("#programCancel");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TaskStatus.CANCELLED, session.runs().get(0).trace().status());
        assertTrue(status(robot).contains("cancelled"), status(robot));
        assertGone(sleeps);
    }

    @Test
    void closingTheWindowStopsTheProgram(FxRobot robot) throws Exception {
        Needs.shell();
        waitReady();
        openDialog(robot);
        type(robot, "sh -c 'sleep 300 & sleep 300 & wait'");
        List<ProcessHandle> sleeps = awaitSleeps();
        robot.interact(() -> window.quit()); // File ▸ Quit: the window's close request
        assertGone(sleeps);
    }

    @Test
    void aProgramThatFailsShowsItsExitCodeAndAMissingFileSaysSo(FxRobot robot) throws Exception {
        Needs.shell();
        waitReady();
        openDialog(robot);
        Path gone = work.resolve("gone.py");
        type(robot, gone.toString());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status(robot).startsWith("No file"));
        assertEquals("No file " + gone + " to run.", status(robot));
        assertEquals(0, session.runs().size(), "nothing ran");

        type(robot, "sh -c 'exit 3'");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> session.runs().size() == 1 && session.runs().get(0).trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TaskStatus.FAILED, session.runs().get(0).trace().status());
        assertEquals("failed", session.runs().get(0).statusProperty().get());
        assertTrue(status(robot).contains("exit code 3"), status(robot));
        assertFalse(status(robot).contains("Exception"), status(robot));
    }

    @Test
    void yourOwnCodeWritesTheStarterAndRunItShowsItsThreadsAndProcesses(FxRobot robot) throws Exception {
        waitReady();
        Path mine = Files.createTempDirectory(work, "own");
        robot.interact(() -> window.ownCodeDir(mine));
        robot.clickOn("Lessons");
        robot.clickOn("#ownCodeItem");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#ownCodeRun").tryQuery().isPresent());
        Path file = mine.resolve("my_threads.py");
        assertEquals(dev.corelanes.teach.CodeSamples.myThreads(), Files.readString(file));
        assertTrue(robot.lookup("#ownCodeFile").queryAs(Label.class).getText().endsWith(file.toString()));
        robot.clickOn("#ownCodeRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> session.runs().size() == 1 && session.runs().get(0).trace() != null);
        Trace t = session.runs().get(0).trace();
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        long processes = t.workers().stream().map(w -> w.pid()).distinct().count();
        assertTrue(processes >= 3, "the program and its two processes: " + t.workers());
        assertTrue(t.tasks().size() >= 5, "its main thread, two threads, two processes: " + t.tasks());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#programOutput")
                .queryAs(TextArea.class).getText().contains("in_processes(2)"));
    }

    @Test
    void yourOwnCodeKeepsTheStudentsFile(FxRobot robot) throws Exception {
        waitReady();
        Path mine = Files.createTempDirectory(work, "own");
        Files.writeString(mine.resolve("my_threads.py"), "print('my own edit')\n");
        robot.interact(() -> window.ownCodeDir(mine));
        robot.clickOn("Lessons");
        robot.clickOn("#ownCodeItem");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#ownCodeRun").tryQuery().isPresent());
        robot.clickOn("#ownCodeRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#programOutput").tryQuery().isPresent()
                && robot.lookup("#programOutput").queryAs(TextArea.class).getText().contains("my own edit"));
        assertEquals("print('my own edit')\n", Files.readString(mine.resolve("my_threads.py")));
    }

    /** The two sleeps of the running program, once both started. */
    private List<ProcessHandle> awaitSleeps() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.runs().size() == 1);
        List<ProcessHandle> found = List.of();
        for (int i = 0; i < 3000 && found.size() < 2; i++) {
            found = ProcessHandle.current().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("sleep")
                            && h.info().commandLine().orElse("").contains("300"))
                    .toList();
            Thread.sleep(20);
        }
        assertEquals(2, found.size(), "both sleeps started");
        return found;
    }

    private static void assertGone(List<ProcessHandle> processes) throws InterruptedException {
        for (ProcessHandle h : processes) {
            for (int i = 0; i < 1500 && h.isAlive(); i++) {
                Thread.sleep(20);
            }
            assertFalse(h.isAlive(), "pid " + h.pid() + " outlived the program's run");
        }
    }
}
