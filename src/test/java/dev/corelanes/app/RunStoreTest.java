package dev.corelanes.app;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStoreTest {

    @Test
    void runsLiveInThePlatformsDataFolder() {
        assertEquals(Path.of("/data/corelanes/runs"),
                RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Linux"), Map.of("XDG_DATA_HOME", "/data"), "/home/ann"));
        assertEquals(Path.of("/home/ann/.local/share/corelanes/runs"),
                RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Linux"), Map.of(), "/home/ann"));
        assertEquals(Path.of("/home/ann/.local/share/corelanes/runs"),
                RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Linux"), Map.of("XDG_DATA_HOME", "relative"), "/home/ann"),
                "a relative XDG_DATA_HOME is ignored, as the spec says");
        assertEquals(Path.of("/Users/ann/Library/Application Support/CoreLanes/runs"),
                RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Mac OS X"), Map.of(), "/Users/ann"));
        assertEquals(Path.of("C:\\Users\\ann\\AppData\\Roaming", "CoreLanes", "runs"),
                RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Windows 11"), Map.of("APPDATA", "C:\\Users\\ann\\AppData\\Roaming"), "C:\\Users\\ann"));
        assertNull(RunStore.defaultDir(dev.corelanes.engine.platform.Os.of("Linux"), Map.of(), ""));
    }

    @Test
    void savedRunsComeBackOldestFirstAndClearDeletesOnlyRunFiles(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        Trace a = Traces.compute(ExecutionMode.SEQUENTIAL, 2);
        Trace b = Traces.compute(ExecutionMode.THREADS, 2);
        Path fa = store.save(a, 1);
        Path fb = store.save(b, 2);
        assertTrue(!fa.equals(fb) && Files.exists(fa) && Files.exists(fb), "two files, neither overwritten");
        Files.writeString(dir.resolve("runs").resolve("run-zz-broken.json"), "{ not a run");
        Files.writeString(dir.resolve("runs").resolve("notes.txt"), "mine");

        List<String> problems = new ArrayList<>();
        List<RunStore.Saved> back = store.load(problems);
        assertEquals(List.of(ExecutionMode.SEQUENTIAL, ExecutionMode.THREADS),
                back.stream().map(s -> s.trace().spec().mode()).toList());
        assertEquals(a.wallNanos(), back.get(0).trace().wallNanos());
        assertEquals(1, problems.size(), "the broken file is named, not fatal: " + problems);

        Path trash = store.clear();
        assertEquals(3, store.inTrash(), "Clear runs moves our files aside, deleting none yet");
        assertTrue(Files.exists(dir.resolve("runs").resolve("notes.txt")), "a file that is not ours stays");
        assertEquals(List.of(), store.load(new ArrayList<>()));

        store.undo(trash);
        assertEquals(List.of(1, 2), store.load(new ArrayList<>()).stream().map(RunStore.Saved::number).toList(),
                "Undo puts them back, with their numbers");
        store.clear();
        store.emptyTrash();
        assertEquals(0, store.inTrash(), "closing the window deletes what was cleared");
        assertEquals(List.of(), store.load(new ArrayList<>()));
    }

    @Test
    void keptRunsComeBackInTheirTableOrderUnderTheirNumbers(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        Trace a = Traces.compute(ExecutionMode.SEQUENTIAL, 2);
        Trace b = Traces.compute(ExecutionMode.THREADS, 2);
        store.save(b, 12);
        store.save(a, 3);
        store.save(a, 7); // the same run twice (same start time) still gets two files
        assertEquals(List.of(3, 7, 12), store.load(new ArrayList<>()).stream().map(RunStore.Saved::number).toList());
    }
}
