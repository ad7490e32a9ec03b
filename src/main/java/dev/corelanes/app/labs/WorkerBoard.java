package dev.corelanes.app.labs;

import dev.corelanes.engine.lab.CounterMemory;
import dev.corelanes.teach.MemoryFindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row per worker: what counter value it last saw, as a number and a bar, and once the run is over what
 * it cost in memory (threads: the average a thread added to the process; processes: each child's own).
 * For threads every row reads the same counter (the bars climb together towards N × k); for processes
 * each row is a separate counter that stops at k.
 */
final class WorkerBoard {

    private final GridPane grid = new GridPane();
    private final List<Label> values = new ArrayList<>();
    private final List<ProgressBar> bars = new ArrayList<>();
    private final List<Label> memory = new ArrayList<>();
    private double full = 1;

    WorkerBoard() {
        grid.setHgap(14);
        grid.setVgap(6);
        grid.setId("workerBoard");
        // Names, values and memory are never cut: the bars give way (down to a short bar) instead.
        ColumnConstraints name = new ColumnConstraints();
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(80);
        grid.getColumnConstraints().addAll(name, bar, new ColumnConstraints(), new ColumnConstraints());
    }

    Node node() {
        return grid;
    }

    /** New rows for {@code n} workers; bars are full at {@code shared} (threads) or {@code own} (processes). */
    void reset(int n, boolean isProcesses, long shared, long own) {
        full = isProcesses ? own : shared;
        grid.getChildren().clear();
        values.clear();
        bars.clear();
        memory.clear();
        Label barHeading = bold(isProcesses ? "its own counter" : "the ONE shared counter, as this thread last saw it");
        barHeading.setWrapText(true);
        barHeading.setMinWidth(0);
        grid.addRow(0, bold(isProcesses ? "child process" : "thread"), barHeading,
                bold("value"), bold(MemoryFindings.column(isProcesses)));
        for (int i = 0; i < n; i++) {
            ProgressBar b = new ProgressBar(0);
            b.setMaxWidth(Double.MAX_VALUE);
            Label v = new Label("0");
            v.setId("seen-" + (i + 1));
            v.setMinWidth(110);
            v.setAlignment(Pos.CENTER_RIGHT);
            Label m = new Label("—");
            m.setId("rss-" + (i + 1));
            m.setMinWidth(Region.USE_PREF_SIZE);
            Label who = new Label((isProcesses ? "child " : "thread ") + (i + 1));
            who.setMinWidth(Region.USE_PREF_SIZE);
            bars.add(b);
            values.add(v);
            memory.add(m);
            grid.addRow(i + 1, who, b, v, m);
        }
    }

    void showSeen(long[] seen) {
        for (int i = 0; i < Math.min(seen.length, values.size()); i++) {
            values.get(i).setText(String.format(Locale.ROOT, "%,d", seen[i]));
            bars.get(i).setProgress(Math.min(1, seen[i] / full));
        }
    }

    /** Each row's memory, as {@link MemoryFindings} writes it (threads: the average one added; processes: its own). */
    void showMemory(CounterMemory m) {
        for (int i = 0; i < memory.size(); i++) {
            memory.get(i).setText(m.processes() && i >= m.workers() ? "—" : MemoryFindings.row(m, i));
        }
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
