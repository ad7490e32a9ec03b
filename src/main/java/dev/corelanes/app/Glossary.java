package dev.corelanes.app;

import javafx.scene.control.Control;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The glossary of every term the window shows (help-glossary.txt inside the jar): the Help window lists it,
 * and the same words are the tooltip wherever the term appears, so the two never disagree.
 */
final class Glossary {

    private static final Map<String, String> TERMS = load();

    private Glossary() {
    }

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] row : HelpWindow.table("help-glossary.txt")) {
            m.put(row[0].toLowerCase(Locale.ROOT), row[1]);
        }
        return m;
    }

    /** Every term and its meaning, in the glossary's order. */
    static List<String[]> entries() {
        return TERMS.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList();
    }

    /** True when the glossary explains {@code term} (case ignored). */
    static boolean has(String term) {
        return TERMS.containsKey(term.toLowerCase(Locale.ROOT));
    }

    /** What {@code term} means (case ignored). */
    static String meaning(String term) {
        String m = TERMS.get(term.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("not in the glossary: " + term);
        }
        return m;
    }

    /** The terms and their meanings, one a paragraph. */
    static String explanation(String... terms) {
        StringBuilder b = new StringBuilder();
        for (String term : terms) {
            b.append(b.isEmpty() ? "" : "\n").append(term).append(": ").append(meaning(term));
        }
        return b.toString();
    }

    /** A tooltip with the terms' meanings: shown soon, kept long enough to read. */
    static Tooltip tooltip(String... terms) {
        Tooltip t = new Tooltip(explanation(terms));
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(300));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    /** The term's tooltip on {@code c}. */
    static void explain(Control c, String... terms) {
        c.setTooltip(tooltip(terms));
    }

    private static final String TERM = "corelanes.glossaryTerm";

    /** Marks {@code column} as showing {@code term}: {@link #explainHeaders} puts the tooltip on its header. */
    static void explain(TableColumn<?, ?> column, String term) {
        column.getProperties().put(TERM, term);
        column.setId("column-" + term.replace(' ', '-'));
    }

    /**
     * The glossary's tooltip on each marked column's header, once the table has drawn its headers (a header
     * takes its column's id).
     */
    static void explainHeaders(javafx.scene.control.TableView<?> table) {
        Runnable install = () -> {
            for (TableColumn<?, ?> c : table.getColumns()) {
                Object term = c.getProperties().get(TERM);
                javafx.scene.Node header = term == null ? null : table.lookup("#" + c.getId());
                if (header != null) {
                    Tooltip.install(header, tooltip((String) term));
                }
            }
        };
        table.skinProperty().addListener((o, a, b) -> javafx.application.Platform.runLater(install));
    }
}
