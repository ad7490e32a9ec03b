package dev.corelanes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which rendering pipeline JavaFX ended up with, noted for the launcher: where the hardware pipeline was
 * refused and JavaFX fell back to software rendering (Xvfb, many VMs, remote X), the next launch asks for
 * software at once, skipping the failed probe and Mesa's LLVM it loads (~43 MiB resident; see benchmarks.md).
 * Noted only when the launcher asked for it ({@link #FILE_PROPERTY}) and nobody chose a pipeline
 * ({@code prism.order}), so a pipeline that worked is never overruled.
 */
final class RenderingPipeline {

    private RenderingPipeline() {
    }

    /**
     * The pipeline in use — "sw", "es2", "d3d" — or null when unknown (JavaFX's internals are not readable,
     * as under a module path, or the toolkit has not chosen yet).
     */
    static String current() {
        try {
            Object pipeline = Class.forName("com.sun.prism.GraphicsPipeline").getMethod("getPipeline").invoke(null);
            return pipeline == null ? null : nameOf(pipeline.getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** "sw" for {@code com.sun.prism.sw.SWPipeline}: the package names the pipeline. */
    static String nameOf(String pipelineClass) {
        String[] parts = pipelineClass.split("\\.");
        return parts.length >= 5 && pipelineClass.startsWith("com.sun.prism.") ? parts[3] : null;
    }

    /** After the first frame: notes the pipeline in the launcher's file, off the FX thread. */
    static void noteForLauncher() {
        String file = System.getProperty(dev.corelanes.launch.LaunchProperties.PIPELINE_FILE);
        if (file == null || System.getProperty("prism.order") != null) {
            return;
        }
        String name = current();
        if (name != null) {
            Thread.ofVirtual().start(() -> write(Path.of(file), name));
        }
    }

    /** Writes {@code name} to {@code file} whole (a reader sees the old note or the new one). */
    static void write(Path file, String name) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.writeString(temp, name + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // only a hint for the next launch
        }
    }
}
