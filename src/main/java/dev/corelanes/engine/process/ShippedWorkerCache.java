package dev.corelanes.engine.process;

import dev.corelanes.engine.files.CacheFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker cache shipped inside the installed app: trained with the app-image's own launcher and bundled
 * runtime when the package was built (launch.ShippedCache), placed beside the app's jar. Used only by the
 * installed app ({@code jpackage.app-path} set: its runtime is the one it was trained with), from the first run
 * on, instead of building one in the user's cache folder. The JVM checks it against its runtime and class path at
 * every start; where it does not match it runs without it, saying nothing ({@link #QUIET}).
 */
final class ShippedWorkerCache {

    /** A stale cache is not used; this keeps the JVM from saying so on the worker's stderr. */
    static final String QUIET = "-Xlog:aot*=off,cds*=off";

    private ShippedWorkerCache() {
    }

    /** The shipped cache for workers started by {@code command}, or null when there is none to use. */
    static Path find(WorkerCommand command) {
        if (System.getProperty("jpackage.app-path") == null || Runtime.version().feature() < 25
                || !command.acceptsJvmOptions() || !command.runsFromJars()) {
            return null;
        }
        try {
            var src = WorkerCommand.class.getProtectionDomain().getCodeSource();
            Path jar = src == null ? null : Path.of(src.getLocation().toURI());
            Path cache = jar == null || jar.getParent() == null ? null : jar.getParent().resolve(CacheFiles.SHIPPED_WORKER_CACHE);
            return cache != null && Files.isRegularFile(cache) && Files.size(cache) > 0 ? cache : null;
        } catch (java.net.URISyntaxException | java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The JVM options that make a worker use {@code cache}. */
    static List<String> flags(Path cache) {
        return List.of("-XX:AOTCache=" + cache, QUIET);
    }
}
