package dev.corelanes.app;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The "file chooser" of UI tests: a native dialog cannot be clicked headless, so this one answers with the
 * paths queued by {@link #answer}, in order (none left: the user cancelled), and remembers the name proposed.
 */
final class AnsweringAsker implements FileAsker {

    private final Deque<Path> answers = new ArrayDeque<>();
    private volatile String lastSuggested;

    /** The next open or save is answered with {@code file}. */
    void answer(Path file) {
        answers.add(file);
    }

    /** The file name the last save proposed. */
    String lastSuggested() {
        return lastSuggested;
    }

    @Override
    public Optional<Path> open(Window owner, String title, String description, String... patterns) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> save(Window owner, String title, String suggestedName, String description,
                               String... patterns) {
        lastSuggested = suggestedName;
        return Optional.ofNullable(answers.poll());
    }
}
