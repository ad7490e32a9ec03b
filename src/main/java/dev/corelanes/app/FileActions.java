package dev.corelanes.app;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.files.RunFileException;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.files.TraceEvents;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideFiles;
import dev.corelanes.view.SlideHtml;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineTheme;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Open, save and export, for the File menu, the keyboard and drag-and-drop. Every failure is one line in
 * the message bar and changes nothing: a bad file adds no run, a failed export leaves no partial file.
 */
final class FileActions {

    private final RunSession session;
    private final AppPrefs prefs;
    private final Messages messages;
    private final Supplier<Window> owner;
    private final Supplier<List<RunRow>> selection;
    private final Supplier<LaneMode> laneMode;
    private final Supplier<TimelineTheme> theme;
    private final FileAsker asker;
    private final AtomicInteger opening = new AtomicInteger();
    private final AtomicInteger writing = new AtomicInteger();
    /** The thread that wrote the last export or saved run (tests: never the FX thread). */
    private volatile Thread lastWriter;

    /** One reader thread for the whole app: files open in the order asked, none on the FX thread. */
    private static final Executor READER = daemon("corelanes-open-run");
    /**
     * One writer thread: exports and saved runs are composed, drawn, encoded and written in the order asked,
     * none on the FX thread (a 4× PNG of a long run takes a while, and a named pipe may block).
     */
    private static final Executor WRITER = daemon("corelanes-write-file");

    private static Executor daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    FileActions(RunSession session, AppPrefs prefs, FileAsker asker, Messages messages, Supplier<Window> owner,
                Supplier<List<RunRow>> selection, Supplier<LaneMode> laneMode, Supplier<TimelineTheme> theme) {
        this.session = session;
        this.prefs = prefs;
        this.asker = asker;
        this.messages = messages;
        this.owner = owner;
        this.selection = selection;
        this.laneMode = laneMode;
        this.theme = theme;
    }

    private java.util.function.BiConsumer<RunRow, Trace> onOpened = (r, t) -> { };

    /** Called with each run opened from a file and added to the table (the window keeps a copy of it). */
    void setOnOpened(java.util.function.BiConsumer<RunRow, Trace> c) {
        onOpened = c;
    }

    /** Asks for a run file and opens it; {@code then} gets the new row. */
    void open(Consumer<RunRow> then) {
        asker.open(owner.get(), "Open run", "CoreLanes run files (*.json)", "*.json").ifPresent(p -> open(p, then));
    }

    /**
     * Reads a run file off the FX thread (a large file, or a device or pipe named by mistake, must never
     * freeze the window), then adds it to the runs table and hands its row to {@code then}. A file that is
     * not a valid run changes nothing and says why in the message bar.
     */
    void open(Path file, Consumer<RunRow> then) {
        opening.incrementAndGet();
        messages.progress("Opening " + file.getFileName() + "…");
        READER.execute(() -> {
            Trace t = null;
            dev.corelanes.view.TimelineModel model = null;
            String error;
            try {
                t = RunFile.read(file);
                model = session.model(t, null); // a long run's timeline is built here too
                error = null;
            } catch (RunFileException e) {
                error = e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                error = "unexpected error: " + e;
            }
            Trace read = error == null ? t : null;
            dev.corelanes.view.TimelineModel built = model;
            String why = error;
            Platform.runLater(() -> {
                opening.decrementAndGet();
                if (read == null) {
                    messages.error("Could not open " + file.getFileName() + ": " + why);
                    return;
                }
                prefs.addRecent(file);
                RunRow same = session.same(read);
                if (same != null) {
                    messages.info(file.getFileName() + " is run #" + same.number() + ", already in the table.");
                    then.accept(same);
                    return;
                }
                RunRow row = session.addOpened(read, file, built);
                onOpened.accept(row, read);
                messages.info("Opened " + file.getFileName() + ": run #" + row.number() + ", " + read.spec().describe() + ".");
                then.accept(row);
            });
        });
    }

    /**
     * Opens run files (dropped, or passed on the command line by a file manager), each read off the FX
     * thread; {@code then} gets each run once read, a file that is no run says why in the message bar.
     */
    void openAll(List<Path> files, Consumer<RunRow> then) {
        for (Path p : files) {
            open(p, then);
        }
    }

    /** Files dragged onto {@code scene} are offered as a copy and opened as runs when dropped. */
    void acceptDrops(javafx.scene.Scene scene, Consumer<RunRow> then) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean any = e.getDragboard().hasFiles();
            if (any) {
                openAll(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList(), then);
            }
            e.setDropCompleted(any);
            e.consume();
        });
    }

    /** True while a run file is being read (tests wait for it). */
    boolean opening() {
        return opening.get() > 0;
    }

    /** True while an export, a saved run or a copied image is being made (tests wait for it). */
    boolean writing() {
        return writing.get() > 0;
    }

    /** The thread that wrote the last file (tests). */
    Thread lastWriter() {
        return lastWriter;
    }

    /** What a background write does; its exception's message is the one line the user reads. */
    private interface Write {
        String run() throws OutputFileException, RunFileException;
    }

    /**
     * Runs {@code job} on the writer thread with a progress message, then says how it ended: its own
     * message, or why it failed ({@code failure} + the cause in one line). Nothing is written on the FX thread.
     */
    private void inBackground(String doing, String failure, Write job) {
        writing.incrementAndGet();
        messages.progress(doing);
        WRITER.execute(() -> {
            lastWriter = Thread.currentThread();
            String done = null;
            String error = null;
            try {
                done = job.run();
            } catch (OutputFileException | RunFileException | IllegalArgumentException e) {
                error = e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                error = failure + ": unexpected error: " + e;
            }
            String ok = done;
            String why = error;
            Platform.runLater(() -> {
                writing.decrementAndGet();
                if (why != null) {
                    messages.error(why);
                } else {
                    messages.info(ok);
                }
            });
        });
    }

    /** The finished runs selected, in table order. */
    private List<RunRow> finished() {
        return selection.get().stream().filter(r -> r.trace() != null).toList();
    }

    void save() {
        List<RunRow> rows = finished();
        if (rows.size() != 1) {
            messages.error(rows.isEmpty() ? "Select a finished run to save." : "Select one run to save (a run file holds one run).");
            return;
        }
        Trace t = rows.get(0).trace();
        // .corelanes.json: the installed app claims that double extension, so a double-click opens the run.
        String name = Slide.fileName(List.of(t), today(t), RUN_EXTENSION);
        asker.save(owner.get(), "Save run as", name, "CoreLanes run files (*.json)", "*.json")
                .ifPresent(p -> save(t, p.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? p : withExtension(p, RUN_EXTENSION)));
    }

    void save(Trace t, Path file) {
        inBackground("Saving the run to " + file.getFileName() + "…", "Could not save " + file.getFileName(), () -> {
            RunFile.write(t, file);
            Platform.runLater(() -> prefs.addRecent(file));
            return "Saved the run to " + file + ".";
        });
    }

    /** Ctrl+E: the dialog, then the file, then the export. */
    void export() {
        List<RunRow> rows = finished();
        if (rows.isEmpty()) {
            messages.error("Select one or more finished runs to export.");
            return;
        }
        new ExportDialog(owner.get(), rows.size() == 1).ask().ifPresent(req -> {
            String name = Slide.fileName(traces(rows), today(rows.get(0).trace()), req.kind().extension);
            asker.save(owner.get(), "Export", name, req.kind().label, "*." + req.kind().extension)
                    .ifPresent(p -> export(rows, req, withExtension(p, req.kind().extension)));
        });
    }

    /**
     * Composes, draws, encodes and writes the export on the writer thread (finished runs' models and traces
     * no longer change); the lane mode and theme are read here, on the FX thread.
     */
    void export(List<RunRow> rows, ExportDialog.Request req, Path file) {
        SlideOptions options = options(req.wide());
        List<Slide.Run> runs = runs(rows);
        inBackground("Exporting " + file.getFileName() + "…", "Could not export " + file.getFileName(), () -> {
            switch (req.kind()) {
                case TRACE_EVENT -> {
                    if (rows.size() == 1) {
                        TraceEvents.write(runs.get(0).trace(), file);
                    } else {
                        // One file per run, all or none: a failing one leaves none of the others half-written.
                        var batch = new dev.corelanes.engine.files.AtomicFiles.Batch();
                        for (RunRow r : rows) {
                            batch.add(perRun(file, r.number()), TraceEvents.content(r.trace()));
                        }
                        batch.commit();
                        return "Exported " + rows.size() + " trace-event files: " + perRun(file, rows.get(0).number())
                                .getFileName() + " … " + perRun(file, rows.get(rows.size() - 1).number()).getFileName()
                                + " in " + file.toAbsolutePath().getParent() + ".";
                    }
                }
                case PNG -> SlideFiles.writePng(Slide.composeWithPanels(runs, options).frame(), req.scale(), file);
                case SVG -> SlideFiles.writeSvg(Slide.composeWithPanels(runs, options).frame(), file);
                case HTML -> SlideHtml.write(Slide.composeWithPanels(runs, options), file);
            }
            return "Exported " + file + ".";
        });
    }

    /** "lesson.json" for run 3 → "lesson-run3.json": one trace-event file per run of a comparison. */
    static Path perRun(Path file, int number) {
        String name = file.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.length() - 5 : name.length();
        return file.resolveSibling(name.substring(0, dot) + "-run" + number + name.substring(dot));
    }

    /** The run file extension the installers register (see installer/linux/run-file.properties). */
    static final String RUN_EXTENSION = "corelanes.json";

    /** {@code file}, with {@code .ext} added when the user typed a name without it. */
    static Path withExtension(Path file, String ext) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith("." + ext) ? file : file.resolveSibling(name + "." + ext);
    }

    private static List<Slide.Run> runs(List<RunRow> rows) {
        return rows.stream().map(r -> new Slide.Run(r.model(), r.trace())).toList();
    }

    /** As the timeline on screen: its lane mode and theme (read on the FX thread). */
    private SlideOptions options(boolean wide) {
        return new SlideOptions(SlideOptions.DEFAULT_WIDTH, 0, wide, true, laneMode.get(), theme.get());
    }

    /** Copies the slide of the selected runs to the clipboard, at 2× for crisp pasting. */
    void copyImage() {
        List<RunRow> rows = finished();
        if (rows.isEmpty()) {
            messages.error("Select one or more finished runs to copy.");
            return;
        }
        SlideOptions options = options(false);
        List<Slide.Run> runs = runs(rows);
        // Drawn on the writer thread; only the clipboard, which belongs to the FX thread, is set there.
        inBackground("Copying the image…", "Could not copy the image", () -> {
            BufferedImage img = SlideFiles.image(Slide.composeWithPanels(runs, options).frame(), 2);
            WritableImage fx = fx(img);
            Platform.runLater(() -> {
                ClipboardContent c = new ClipboardContent();
                c.putImage(fx);
                Clipboard.getSystemClipboard().setContent(c);
            });
            return String.format(Locale.ROOT, "Copied the image (%d×%d) to the clipboard.", img.getWidth(),
                    img.getHeight());
        });
    }

    /** A Java2D image as a JavaFX one (no javafx-swing needed). */
    static WritableImage fx(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }

    private static List<Trace> traces(List<RunRow> rows) {
        return rows.stream().map(RunRow::trace).toList();
    }

    /** The day the run was measured, for file names. */
    private static LocalDate today(Trace t) {
        return LocalDate.ofInstant(t.startedAt(), java.time.ZoneId.systemDefault());
    }
}
