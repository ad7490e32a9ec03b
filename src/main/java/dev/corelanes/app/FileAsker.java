package dev.corelanes.app;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the user for a file to open or save. The window uses the system file chooser; tests replace it
 * (a native dialog cannot be clicked headless) and then click the very menus a user clicks.
 */
public interface FileAsker {

    /** A file to open, or empty if the user cancelled. */
    Optional<Path> open(Window owner, String title, String description, String... patterns);

    /** A file to save to, proposing {@code suggestedName}, or empty if the user cancelled. */
    Optional<Path> save(Window owner, String title, String suggestedName, String description, String... patterns);

    /** The system file chooser. */
    static FileAsker system() {
        return new FileAsker() {
            private File lastDir;

            @Override
            public Optional<Path> open(Window owner, String title, String description, String... patterns) {
                FileChooser c = chooser(title, description, patterns);
                return remember(c.showOpenDialog(owner));
            }

            @Override
            public Optional<Path> save(Window owner, String title, String suggestedName, String description,
                                       String... patterns) {
                FileChooser c = chooser(title, description, patterns);
                c.setInitialFileName(suggestedName);
                return remember(c.showSaveDialog(owner));
            }

            private FileChooser chooser(String title, String description, String... patterns) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, patterns));
                if (lastDir != null && lastDir.isDirectory()) {
                    c.setInitialDirectory(lastDir);
                }
                return c;
            }

            private Optional<Path> remember(File f) {
                if (f != null) {
                    lastDir = f.getParentFile();
                }
                return Optional.ofNullable(f).map(File::toPath);
            }
        };
    }
}
