package dev.corelanes.app;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds text the user cannot read in full: every visible {@link Labeled} (labels, buttons, table cells,
 * the cell of a drop-down) whose skin shows less than its text — JavaFX's ellipsis ("..." or "…"), a
 * cut word — and every visible {@link Text} whose content ends in an ellipsis its owner did not write.
 */
final class Truncations {

    private Truncations() {
    }

    static List<String> in(Parent root) {
        List<String> found = new ArrayList<>();
        walk(root, found);
        return found;
    }

    private static void walk(Node n, List<String> found) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l) {
            check(l, found);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, found);
            }
        }
    }

    private static void check(Labeled l, List<String> found) {
        String text = l.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        String full = l.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c != l.getGraphic() && t.isVisible() && t.getText() != null) {
                String shown = t.getText();
                String compact = shown.replaceAll("\\s+", " ").strip();
                String wanted = full.replaceAll("\\s+", " ").strip();
                boolean cut = !compact.equals(wanted)
                        && (shown.contains(l.getEllipsisString()) || shown.contains("…") || compact.length() < wanted.length());
                if (cut) {
                    found.add(describe(l) + " shows \"" + shown.replace('\n', ' ') + "\" of \"" + full + "\"");
                }
            }
        }
    }

    private static String describe(Labeled l) {
        String id = l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName();
        Node p = l.getParent();
        while (p != null && p.getId() == null) {
            p = p.getParent();
        }
        return id + (p != null ? " in #" + p.getId() : "");
    }
}
