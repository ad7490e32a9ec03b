package dev.corelanes.app;

import dev.corelanes.engine.files.AppFolders;
import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.files.OutputFileException;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the window remembers between launches: theme, presenter font scale, Python interpreter, recent run
 * files. Kept in a small properties file in the app's config folder ({@link AppFolders#config()}:
 * {@code ~/.config/corelanes/settings.properties} on Linux), not in Java's preferences store, which on Linux
 * writes under {@code ~/.java} and logs "Created user preferences directory" to the console on first use.
 * Tests give it a file of their own. A missing, unreadable or unwritable file only means nothing is
 * remembered; the window works the same.
 */
public final class AppPrefs {

    public static final int MAX_RECENT = 8;
    public static final double MIN_SCALE = 0.8;
    public static final double MAX_SCALE = 2.5;
    static final String FILE_NAME = "settings.properties";

    private final Path file;
    private final Properties values = new Properties();

    /** Preferences kept in {@code file} (null: kept for this session only). */
    public AppPrefs(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                values.load(in); // ISO 8859-1 with unicode escapes, as save writes it
            } catch (IOException | IllegalArgumentException e) {
                values.clear(); // a damaged file: start from the defaults, and the next change rewrites it
            }
        }
    }

    /** The user's own preferences (the app, never tests). */
    public static AppPrefs user() {
        Path config = AppFolders.user().config();
        return new AppPrefs(config == null ? null : config.resolve(FILE_NAME));
    }

    public boolean dark() {
        return Boolean.parseBoolean(values.getProperty("dark", "false"));
    }

    public void setDark(boolean dark) {
        put("dark", Boolean.toString(dark));
    }

    /** The Python interpreter last chosen ("" = Java). */
    public String pythonPath() {
        return values.getProperty("pythonPath", "");
    }

    public void setPythonPath(String path) {
        put("pythonPath", path == null ? "" : path);
    }

    /** The last program run with Run my program… (a command line, as typed or made from the file chosen). */
    public String lastProgram() {
        return values.getProperty("lastProgram", "");
    }

    public void setLastProgram(String commandLine) {
        put("lastProgram", commandLine == null ? "" : commandLine);
    }

    /** Size of text relative to normal, within {@value #MIN_SCALE}–{@value #MAX_SCALE}. */
    public double fontScale() {
        try {
            return clampScale(Double.parseDouble(values.getProperty("fontScale", "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public void setFontScale(double scale) {
        put("fontScale", Double.toString(clampScale(scale)));
    }

    static double clampScale(double s) {
        return Double.isFinite(s) ? Math.max(MIN_SCALE, Math.min(MAX_SCALE, s)) : 1;
    }

    /** Where the divider above the runs table was left, as a share of the centre's height (0–1). */
    public double runsDivider() {
        try {
            double d = Double.parseDouble(values.getProperty("runsDivider", String.valueOf(DEFAULT_RUNS_DIVIDER)));
            return Double.isFinite(d) ? Math.max(0.1, Math.min(0.95, d)) : DEFAULT_RUNS_DIVIDER;
        } catch (NumberFormatException e) {
            return DEFAULT_RUNS_DIVIDER;
        }
    }

    public void setRunsDivider(double position) {
        put("runsDivider", Double.toString(position));
    }

    /** The table's first height: about four rows under the timeline in a 1280×720 window. */
    static final double DEFAULT_RUNS_DIVIDER = 0.74;

    /** Run files opened or saved, latest first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = values.getProperty("recent." + i);
            if (p != null && !p.isBlank()) {
                try {
                    out.add(Path.of(p));
                } catch (RuntimeException e) {
                    // a path this platform cannot read: skip it
                }
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
                values.setProperty("recent." + i, list.get(i).toString());
            } else {
                values.remove("recent." + i);
            }
        }
        save();
    }

    private void put(String key, String value) {
        values.setProperty(key, value);
        save();
    }

    /** Writes the whole file atomically (a crash mid-write leaves the old one); a few hundred bytes. */
    private void save() {
        if (file == null) {
            return;
        }
        try {
            // The stream form writes ISO 8859-1 with unicode escapes: any path survives, whatever its letters.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            values.store(bytes, "CoreLanes settings");
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, out -> bytes.writeTo(out));
        } catch (IOException | OutputFileException | RuntimeException e) {
            // preferences are a convenience: an unwritable folder only means they are not kept
        }
    }
}
