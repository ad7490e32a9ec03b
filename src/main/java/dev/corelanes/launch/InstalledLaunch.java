package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import dev.corelanes.engine.files.CacheFolder;

import java.nio.file.Path;
import java.util.List;

/**
 * The installed app's window JVM, which its jpackage launcher starts with the pom's options and the shipped
 * start-up cache (ShippedCache) and which is never restarted: it remembers software rendering itself. Where an
 * earlier window of this installation found JavaFX's hardware pipeline refused (Xvfb, many VMs, remote X), or the
 * machine has no GPU device that pipeline could use (GpuDevices), this one asks for software at once, before the toolkit starts, and skips the failed probe; otherwise the window
 * notes the pipeline it gets (RenderingPipeline), as the jar's restart arranges it ({@link AppArchive#pipelineFlags}).
 * With software rendering it also sets {@code GDK_GL=disable} in its own C environment before GTK starts, as the
 * restart does for its child (engine.platform's NativeEnvironment).
 */
public final class InstalledLaunch {

    /** Not {@link AppArchive#PREFIX}: that one's sweep removes every other build's files. */
    static final String PREFIX = "corelanes-installed-";

    private InstalledLaunch() {
    }

    /** In a jpackage app, before the window starts: the remembered pipeline, or where to note it. */
    public static void prepare() {
        String app = System.getProperty("jpackage.app-path");
        if (app != null && System.getProperty("prism.order") == null) {
            prepare(CacheFolder.dir(), app, System.getProperties(), dev.corelanes.engine.platform.GpuDevices.noneForJavaFx());
        }
    }

    /**
     * The same with cache folder {@code dir} (null: none), system properties {@code props}, and whether this machine
     * has no GPU device JavaFX's hardware pipeline could use ({@code noGpu}: software from the first launch).
     */
    static void prepare(Path dir, String app, java.util.Properties props, boolean noGpu) {
        if (dir == null && !noGpu) {
            return;
        }
        Path note = dir == null ? null : note(dir, app, props.getProperty("java.class.path", ""));
        if (noGpu || AppArchive.SOFTWARE.equals(AppArchive.readPipeline(note))) {
            props.setProperty("prism.order", AppArchive.SOFTWARE);
            if (props == System.getProperties()) {
                // As the jar's restart does (AppArchive.environment): without it GTK still probes OpenGL as it opens
                // the display and loads Mesa and its LLVM for nothing (measured: 146 vs 206 MiB peak, CPU ×0.93).
                dev.corelanes.engine.platform.host.Host.environment(dev.corelanes.engine.platform.Os.current())
                        .setIfAbsent("GDK_GL", "disable");
            }
        } else {
            props.setProperty(LaunchProperties.PIPELINE_FILE, note.toString());
        }
    }

    /** The note of the installation at launcher {@code app} with {@code classPath}: a new install asks again. */
    static Path note(Path dir, String app, String classPath) {
        return dir.resolve(PREFIX + CacheFiles.fingerprint(List.of(app, classPath)) + ".pipeline");
    }
}
