package dev.corelanes.view;

import java.nio.file.Path;
import java.util.Locale;

/** The image formats a timeline exports to, chosen by file extension. */
public enum ImageFormat {
    PNG("png"), SVG("svg");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format of {@code file} by its extension; a one-line message for any other. */
    public static ImageFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        int dot = name.lastIndexOf('.');
        throw new IllegalArgumentException("Cannot export to " + file + ": unknown image format"
                + (dot >= 0 ? " '" + name.substring(dot) + "'" : " (no extension)") + "; use .png or .svg.");
    }
}
