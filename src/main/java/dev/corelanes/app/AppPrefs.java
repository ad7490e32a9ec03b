package dev.corelanes.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between launches: theme, presenter font scale, recent run files. Kept in a
 * {@link Preferences} node given to it, so tests use a throw-away node and never touch the user's own.
 */
public final class AppPrefs {

    public static final int MAX_RECENT = 8;
    public static final double MIN_SCALE = 0.8;
    public static final double MAX_SCALE = 2.5;

    private final Preferences node;

    public AppPrefs(Preferences node) {
        this.node = node;
    }

    /** The user's own preferences (the app, never tests). */
    public static AppPrefs user() {
        return new AppPrefs(Preferences.userRoot().node("dev/corelanes/app"));
    }

    public boolean dark() {
        return node.getBoolean("dark", false);
    }

    public void setDark(boolean dark) {
        node.putBoolean("dark", dark);
        flush();
    }

    /** The Python interpreter last chosen ("" = Java). */
    public String pythonPath() {
        return node.get("pythonPath", "");
    }

    public void setPythonPath(String path) {
        node.put("pythonPath", path == null ? "" : path);
        flush();
    }

    /** Size of text relative to normal, within {@value #MIN_SCALE}–{@value #MAX_SCALE}. */
    public double fontScale() {
        return clampScale(node.getDouble("fontScale", 1));
    }

    public void setFontScale(double scale) {
        node.putDouble("fontScale", clampScale(scale));
        flush();
    }

    static double clampScale(double s) {
        return Double.isFinite(s) ? Math.max(MIN_SCALE, Math.min(MAX_SCALE, s)) : 1;
    }

    /** Run files opened or saved, latest first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = node.get("recent." + i, null);
            if (p != null && !p.isBlank()) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void addRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = recentFiles();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                node.put("recent." + i, list.get(i).toString());
            } else {
                node.remove("recent." + i);
            }
        }
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: an unwritable store only means they are not kept
        }
    }
}
