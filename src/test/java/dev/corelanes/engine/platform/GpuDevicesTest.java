package dev.corelanes.engine.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device folders laid out as Linux machines have them: with and without a GPU JavaFX could render on. */
class GpuDevicesTest {

    @TempDir
    Path dev;

    @Test
    void aMachineWithoutGpuDeviceFilesCanOnlyRenderInSoftware() throws Exception {
        Files.createFile(dev.resolve("null"));
        Files.createDirectories(dev.resolve("pts"));
        assertTrue(GpuDevices.noneForJavaFx(dev, ":0"), "a VM or container: no /dev/dri, no /dev/nvidia*");
        assertTrue(GpuDevices.noneForJavaFx(dev, ":99.0"), "Xvfb on a server");
        assertTrue(GpuDevices.noneForJavaFx(dev, "unix:0"));
        Files.createDirectories(dev.resolve("dri"));
        assertTrue(GpuDevices.noneForJavaFx(dev, ":0"), "an empty /dev/dri holds no GPU");
    }

    @Test
    void aMesaOrNvidiaDeviceMayHaveAQualifiedGpu() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertFalse(GpuDevices.noneForJavaFx(dev, ":0"), "Mesa's render node: the probe decides");
        Path nvidia = Files.createDirectories(dev.resolveSibling(dev.getFileName() + "-nv"));
        Files.createFile(nvidia.resolve("nvidiactl"));
        Files.createFile(nvidia.resolve("nvidia0"));
        assertFalse(GpuDevices.noneForJavaFx(nvidia, ":1"), "NVIDIA's own driver, without nvidia-drm");
    }

    @Test
    void anotherHostsDisplayOrNoDisplayIsLeftToTheProbe() {
        assertFalse(GpuDevices.noneForJavaFx(dev, "localhost:10.0"), "X forwarded over ssh: that host's GPU renders");
        assertFalse(GpuDevices.noneForJavaFx(dev, "lab-pc:0"));
        assertFalse(GpuDevices.noneForJavaFx(dev, null), "no X display: JavaFX says so itself");
        assertFalse(GpuDevices.noneForJavaFx(dev.resolve("missing"), ":0"), "no readable /dev: nothing known");
    }
}
