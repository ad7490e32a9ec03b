package dev.corelanes.engine.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether JavaFX's hardware pipeline can possibly start here, known without starting it: on Linux it can only with a
 * GPU driver's device files. JavaFX's es2 pipeline qualifies only AMD, ATI, Intel, NVIDIA, nouveau and X.org
 * (Mesa's AMD) drivers by their GL vendor (OpenJFX's {@code X11GLFactory}); Mesa's software renderers (llvmpipe,
 * softpipe), a VM's virtual GPU and WSL's D3D12 layer are refused. A qualified driver renders directly through
 * {@code /dev/dri/*} (Mesa) or {@code /dev/nvidia*} (NVIDIA's own), so where neither exists — a VM without a GPU, a
 * container, Xvfb on a server — the probe can only fail, after loading Mesa and its LLVM (~0.05–0.1 s of a first
 * launch and ~43 MiB on a 2-core VM, benchmarks.md). A display on another host (X forwarded over {@code ssh}) is
 * rendered by that host's GPU, so there nothing is known; nor on macOS and Windows, whose pipelines always start.
 */
public final class GpuDevices {

    private GpuDevices() {
    }

    /** True when this machine certainly has no GPU JavaFX's hardware pipeline would take. */
    public static boolean noneForJavaFx() {
        return Os.current() == Os.LINUX && noneForJavaFx(Path.of("/dev"), System.getenv("DISPLAY"));
    }

    /** The same with device folder {@code dev} and X display {@code display} (null: none set). */
    static boolean noneForJavaFx(Path dev, String display) {
        if (display == null || !(display.startsWith(":") || display.startsWith("unix:"))) {
            return false; // no X display (JavaFX will say so itself), or another host's
        }
        if (!Files.isDirectory(dev)) {
            return false; // not a /dev we can read: nothing known
        }
        if (hasEntry(dev.resolve("dri"))) {
            return false;
        }
        // Every name compared by hand, not with a glob: this runs in the launch's parent JVM, where compiling the
        // glob's regular expression would be cold code on the way to the window.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dev)) {
            for (Path p : entries) {
                if (p.getFileName().toString().startsWith("nvidia")) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasEntry(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return true; // there, but unreadable to us: a GPU may be behind it
        }
    }
}
