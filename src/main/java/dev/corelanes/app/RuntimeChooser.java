package dev.corelanes.app;

import dev.corelanes.engine.python.PythonInterpreter;
import dev.corelanes.engine.python.PythonInterpreters;
import dev.corelanes.engine.python.PythonUnavailable;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * Java or one of this machine's Python interpreters, and for Python process runs the multiprocessing start
 * method. Interpreters are looked for off the FX thread, and only when the list is first opened (or a lesson
 * needs one): each probe starts an interpreter, and a dozen of them at launch would take the cores from the
 * first run. A remembered choice is probed alone at launch. The choice is remembered.
 */
final class RuntimeChooser {

    /** One entry: Java (python null), an interpreter, or "Other…" (pick a file). */
    record Option(PythonInterpreter python, boolean other) {
        Option(PythonInterpreter python) {
            this(python, false);
        }

        String label() {
            if (other) {
                return "Other Python…";
            }
            return python == null ? "Java" : shortLabel() + " — " + python.path();
        }

        /** "CPython 3.11.7 (GIL)": what the box has room for; the path is written whole under it. */
        String shortLabel() {
            if (other || python == null) {
                return label();
            }
            return python.name() + (python.gilEnabled() ? " (GIL)" : " (no GIL)");
        }
    }

    private static final Option JAVA = new Option(null);
    private static final Option OTHER = new Option(null, true);

    private final ChoiceBox<Option> runtime = new ChoiceBox<>();
    private final javafx.beans.property.BooleanProperty freeThreadedFound =
            new javafx.beans.property.SimpleBooleanProperty(this, "freeThreadedFound", false);
    private final ChoiceBox<String> startMethod = new ChoiceBox<>();
    private final ExperimentForm form;
    private final AppPrefs prefs;
    private volatile String problem = "still looking for Python interpreters, try again in a moment";
    private final java.util.function.Supplier<java.util.Optional<java.nio.file.Path>> pickFile;
    private final java.util.function.Consumer<String> complain;
    private Option beforeOther = JAVA;

    RuntimeChooser(ExperimentForm form, AppPrefs prefs) {
        this(form, prefs, java.util.Optional::empty, m -> { });
    }

    /**
     * @param pickFile asks the user for an interpreter's file ("Other Python…")
     * @param complain shows why a picked file cannot be used
     */
    RuntimeChooser(ExperimentForm form, AppPrefs prefs,
                   java.util.function.Supplier<java.util.Optional<java.nio.file.Path>> pickFile,
                   java.util.function.Consumer<String> complain) {
        this.form = form;
        this.prefs = prefs;
        this.pickFile = pickFile;
        this.complain = complain;
        runtime.setId("runtimeChoice");
        runtime.getItems().setAll(JAVA);
        runtime.setValue(JAVA);
        runtime.setConverter(converter(runtime));
        chosenInFull.setId("runtimeInFull");
        chosenInFull.getStyleClass().add("hint");
        chosenInFull.setWrapText(true);
        chosenInFull.setMinHeight(Region.USE_PREF_SIZE);
        chosenInFull.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                runtime.getValue() == null || runtime.getValue().python() == null ? "" : runtime.getValue().label(),
                runtime.valueProperty()));
        chosenInFull.visibleProperty().bind(chosenInFull.textProperty().isNotEmpty());
        chosenInFull.managedProperty().bind(chosenInFull.visibleProperty());
        Tooltip tip = new Tooltip("Java runs the tasks in this JVM; Python runs the same experiment in a real "
                + "CPython on this machine (" + problem + ")");
        tip.setWrapText(true); // "No Python 3 found. Looked in: …" names several places: wrapped, not cut off
        tip.setMaxWidth(520);
        runtime.setTooltip(tip);
        runtime.valueProperty().addListener((o, a, b) -> {
            if (b == OTHER) {
                beforeOther = a == null || a == OTHER ? JAVA : a;
                Platform.runLater(this::pickOther); // not while the choice box is still changing its value
                return;
            }
            form.pythonProperty().set(b == null ? null : b.python());
            updateStartMethods();
            if (b != null && b.python() != null) {
                prefs.setPythonPath(b.python().path());
            } else if (b == JAVA && a != null) {
                prefs.setPythonPath("");
            }
        });
        startMethod.setId("startMethodChoice");
        startMethod.setTooltip(new Tooltip("How multiprocessing starts each child: fork copies this process, spawn "
                + "starts a fresh interpreter, forkserver forks from a clean server process"));
        startMethod.valueProperty().addListener((o, a, b) -> form.startMethodProperty().set(b == null ? "" : b));
        startMethod.disableProperty().bind(Bindings.createBooleanBinding(
                () -> form.pythonProperty().get() == null || !form.modeProperty().get().processBased(),
                form.pythonProperty(), form.modeProperty()));
        runtime.setOnShowing(e -> discoverOnce());
        String remembered = prefs.pythonPath();
        if (!remembered.isBlank()) {
            Thread.ofVirtual().name("corelanes-python-remembered").start(() -> {
                try {
                    PythonInterpreter p = PythonInterpreters.probe(remembered);
                    Platform.runLater(() -> {
                        if (!discovered) {
                            Option o = new Option(p);
                            runtime.getItems().setAll(JAVA, o, OTHER);
                            runtime.setValue(o);
                        }
                    });
                } catch (PythonUnavailable e) {
                    problem = "the remembered " + e.getMessage();
                }
            });
        } else {
            runtime.getItems().setAll(JAVA, OTHER);
            runtime.setValue(JAVA);
        }
    }

    private boolean discoveryStarted;
    private volatile boolean discovered;

    /** Looks for interpreters the first time it is asked (FX thread); the list fills in when done. */
    void discoverOnce() {
        if (!discoveryStarted) {
            discoveryStarted = true;
            Thread.ofVirtual().name("corelanes-python-discovery").start(this::discover);
        }
    }

    /** How interpreters are found (tests: a slow finder, to act before it ends). */
    private java.util.function.Supplier<List<PythonInterpreter>> finder = PythonInterpreters::discover;

    void discoverWith(java.util.function.Supplier<List<PythonInterpreter>> finder) {
        this.finder = finder;
    }

    /** True once the first search for interpreters has ended (FX thread). */
    boolean discovered() {
        return discovered;
    }

    private final List<Runnable> afterDiscovery = new ArrayList<>();

    /** Runs {@code then} on the FX thread once the search for interpreters has ended: now, if it has. */
    void whenDiscovered(Runnable then) {
        if (discovered) {
            then.run();
        } else {
            afterDiscovery.add(then);
            discoverOnce();
        }
    }

    ChoiceBox<Option> runtimeBox() {
        return runtime;
    }

    /**
     * The chosen interpreter in full, under the box ("CPython 3.11.7 (GIL) — /usr/bin/python3"), wrapped: the
     * box itself has room for its name only, and a path cut to "…" cannot be told from another.
     */
    private final Label chosenInFull = new Label();

    Label chosenLabel() {
        return chosenInFull;
    }

    ChoiceBox<String> startMethodBox() {
        return startMethod;
    }

    private void discover() {
        List<PythonInterpreter> found = new ArrayList<>();
        try {
            found.addAll(finder.get());
            String remembered = prefs.pythonPath();
            if (!remembered.isBlank() && found.stream().noneMatch(p -> p.path().equals(remembered))) {
                found.add(0, PythonInterpreters.probe(remembered));
            }
        } catch (PythonUnavailable e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = "could not look for Python: " + e.getMessage();
        }
        if (found.isEmpty() && problem.startsWith("still looking")) {
            problem = PythonInterpreters.notFound(); // where it looked, on this machine
        } else if (!found.isEmpty()) {
            problem = found.size() + (found.size() == 1 ? " interpreter" : " interpreters") + " found";
        }
        Platform.runLater(() -> show(found));
    }

    /** "Other Python…": the user picks a file; it is probed off the FX thread and added, or refused with why. */
    private void pickOther() {
        runtime.setValue(beforeOther);
        java.util.Optional<java.nio.file.Path> file = pickFile.get();
        if (file.isEmpty()) {
            return;
        }
        String path = file.get().toString();
        Thread.ofVirtual().name("corelanes-python-probe").start(() -> {
            try {
                PythonInterpreter p = PythonInterpreters.probe(path);
                Platform.runLater(() -> {
                    Option o = new Option(p);
                    if (!runtime.getItems().contains(o)) {
                        runtime.getItems().add(runtime.getItems().size() - 1, o);
                    }
                    runtime.setValue(o);
                });
            } catch (PythonUnavailable e) {
                Platform.runLater(() -> complain.accept(e.getMessage()));
            }
        });
    }

    private void show(List<PythonInterpreter> found) {
        discovered = true;
        freeThreadedFound.set(found.stream().anyMatch(PythonInterpreter::freeThreaded));
        Option keep = runtime.getValue();
        List<Option> items = new ArrayList<>(List.of(JAVA));
        found.forEach(p -> items.add(new Option(p)));
        items.add(OTHER);
        runtime.getItems().setAll(items);
        String remembered = prefs.pythonPath();
        Option chosen = keep != null && keep != OTHER && items.contains(keep) ? keep : JAVA;
        if (chosen == JAVA && !remembered.isBlank()) {
            chosen = items.stream().filter(o -> o.python() != null && o.python().path().equals(remembered))
                    .findFirst().orElse(JAVA);
        }
        runtime.setValue(chosen);
        runtime.getTooltip().setText("Java runs the tasks in this JVM; Python runs the same experiment in a real "
                + "CPython on this machine (" + problem + ")");
        List<Runnable> waiting = List.copyOf(afterDiscovery);
        afterDiscovery.clear();
        waiting.forEach(Runnable::run);
    }

    private void updateStartMethods() {
        PythonInterpreter p = form.pythonProperty().get();
        if (p == null) {
            startMethod.getItems().clear();
            return;
        }
        String keep = startMethod.getValue();
        startMethod.getItems().setAll(p.startMethods());
        startMethod.setValue(keep != null && p.startMethods().contains(keep) ? keep : p.defaultStartMethod());
    }

    /** Selects Java, or the first Python found (a lesson's step); false when no Python is available yet. */
    boolean select(boolean python) {
        if (!python) {
            runtime.setValue(JAVA);
            return true;
        }
        if (runtime.getValue() != null && runtime.getValue().python() != null) {
            return true;
        }
        discoverOnce();
        return runtime.getItems().stream().filter(o -> o.python() != null).findFirst()
                .map(o -> {
                    runtime.setValue(o);
                    return true;
                }).orElse(false);
    }

    /** True once discovery found a free-threaded interpreter (python3.13t): its lesson is offered then. */
    javafx.beans.property.ReadOnlyBooleanProperty freeThreadedFoundProperty() {
        return freeThreadedFound;
    }

    /** Selects a free-threaded interpreter (a lesson's step); false when none was found (yet). */
    boolean selectFreeThreaded() {
        if (runtime.getValue() != null && runtime.getValue().python() != null
                && runtime.getValue().python().freeThreaded()) {
            return true;
        }
        discoverOnce();
        return runtime.getItems().stream().filter(o -> o.python() != null && o.python().freeThreaded()).findFirst()
                .map(o -> {
                    runtime.setValue(o);
                    return true;
                }).orElse(false);
    }

    /** Why no Python can be chosen (or how many were found). */
    String problem() {
        return problem;
    }

    /** Names only, as the box has room for; with the path where two interpreters share a name. */
    private static StringConverter<Option> converter(ChoiceBox<Option> box) {
        return new StringConverter<>() {
            @Override
            public String toString(Option o) {
                if (o == null) {
                    return "";
                }
                long same = box.getItems().stream().filter(i -> i.shortLabel().equals(o.shortLabel())).count();
                return same > 1 ? o.label() : o.shortLabel();
            }

            @Override
            public Option fromString(String s) {
                throw new UnsupportedOperationException("choices are not typed");
            }
        };
    }
}
