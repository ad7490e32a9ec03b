package dev.corelanes.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Help ▸ Guide (F1), Keyboard shortcuts and About: a short guide to what the lanes, colours and figures mean,
 * the glossary of every term the window shows, the shortcuts and the versions and licences — all read from
 * text files inside the jar, so it works offline in a classroom. One window, reused; it fits the screen,
 * can be resized, and Close or Esc closes it.
 */
final class HelpWindow {

    /** The tabs, by what the Help menu asks for. */
    enum Page { GUIDE, GLOSSARY, SHORTCUTS, ABOUT }

    private final Stage stage = new Stage();
    private final TabPane tabs = new TabPane();

    HelpWindow(Window owner, String rootStyle) {
        stage.initOwner(owner);
        stage.setTitle("CoreLanes help");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("Guide", "helpGuide", guide()), tab("Glossary", "helpGlossary", glossary()),
                tab("Keyboard shortcuts", "helpShortcuts", shortcuts()), tab("About", "helpAbout", about()));
        Button close = new Button("Close");
        close.setId("helpClose");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8, 12, 12, 12));
        BorderPane root = new BorderPane(tabs);
        root.setBottom(buttons);
        root.setId("helpWindow");
        root.getStyleClass().add("help-window");
        root.setStyle(rootStyle);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(HelpWindow.class.getResource("corelanes.css").toExternalForm());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setMinWidth(420);
        stage.setMinHeight(320);
        ScreenFit.fit(stage, owner, 860, 640);
    }

    /** Shows the window on {@code page} (brought to the front when it is already open). */
    void show(Page page, String rootStyle) {
        stage.getScene().getRoot().setStyle(rootStyle);
        tabs.getSelectionModel().select(page.ordinal());
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    private static Tab tab(String name, String id, javafx.scene.Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Tab t = new Tab(name, scroll);
        t.setId(id);
        return t;
    }

    private static VBox column() {
        VBox v = new VBox(8);
        v.setPadding(new Insets(14));
        return v;
    }

    private static Label text(String s, String style) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    private static javafx.scene.Node guide() {
        VBox v = column();
        for (String line : lines("help-guide.txt")) {
            v.getChildren().add(line.startsWith("# ") ? text(line.substring(2), "help-heading") : text(line, null));
        }
        return v;
    }

    private static javafx.scene.Node glossary() {
        VBox v = column();
        v.getChildren().add(text("Every term the window shows. Hover a term where it appears (a column, a figure, "
                + "a key under the timeline) for the same words.", null));
        v.getChildren().add(pairs(Glossary.entries(), "glossaryTable"));
        return v;
    }

    private static javafx.scene.Node shortcuts() {
        VBox v = column();
        v.getChildren().add(pairs(table("help-shortcuts.txt"), "shortcutTable"));
        return v;
    }

    private static javafx.scene.Node about() {
        VBox v = column();
        String version = HelpWindow.class.getPackage().getImplementationVersion();
        v.getChildren().addAll(
                text("CoreLanes " + (version == null ? "(development build)" : version), "help-heading"),
                text("Processes vs threads, measured: every figure on screen is measured on this machine.", null),
                pairs(List.of(
                        new String[] {"Java", System.getProperty("java.version") + " ("
                                + System.getProperty("java.vendor", "") + ", " + System.getProperty("java.vm.name", "") + ")"},
                        new String[] {"JavaFX", System.getProperty("javafx.runtime.version", "unknown")},
                        new String[] {"System", System.getProperty("os.name") + " " + System.getProperty("os.version")
                                + " (" + System.getProperty("os.arch") + ")"}), "aboutVersions"),
                text("Licences", "help-heading"),
                pairs(table("help-licences.txt"), "aboutLicences"));
        return v;
    }

    /** Two columns: a term or key in bold, what it means wrapped beside it. */
    private static GridPane pairs(List<String[]> rows, String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(16);
        g.setVgap(6);
        ColumnConstraints left = new ColumnConstraints();
        left.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints right = new ColumnConstraints();
        right.setHgrow(Priority.ALWAYS);
        right.setFillWidth(true);
        g.getColumnConstraints().addAll(left, right);
        int r = 0;
        for (String[] row : rows) {
            Label k = text(row[0], "help-term");
            k.setWrapText(false);
            g.add(k, 0, r);
            g.add(text(row[1], null), 1, r++);
        }
        return g;
    }

    /** Tab-separated rows of a help file inside the jar; lines starting with # are comments. */
    static List<String[]> table(String resource) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines(resource)) {
            if (!line.startsWith("#")) {
                int tab = line.indexOf('\t');
                out.add(tab < 0 ? new String[] {line, ""} : new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        }
        return out;
    }

    /** The non-blank lines of a help file inside the jar. */
    static List<String> lines(String resource) {
        try (InputStream in = HelpWindow.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing help file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
