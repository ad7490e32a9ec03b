package dev.corelanes.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The installed app remembers software rendering without a restart: asked where noted, else told where to note. */
class InstalledLaunchTest {

    @TempDir
    Path dir;

    private static Properties props() {
        Properties p = new Properties();
        p.setProperty("java.class.path", "/opt/corelanes/lib/app/corelanes.jar");
        return p;
    }

    @Test
    void theFirstWindowNotesItsPipelineAndLaterOnesAskForSoftwareAtOnce() throws Exception {
        String app = "/opt/corelanes/bin/CoreLanes";
        Properties first = props();
        InstalledLaunch.prepare(dir, app, first, false);
        assertNull(first.getProperty("prism.order"), "nothing noted yet: JavaFX chooses");
        Path note = Path.of(first.getProperty(LaunchProperties.PIPELINE_FILE));
        assertEquals(dir, note.getParent());

        Files.writeString(note, "es2\n"); // hardware rendering worked: never overruled
        Properties hardware = props();
        InstalledLaunch.prepare(dir, app, hardware, false);
        assertNull(hardware.getProperty("prism.order"));

        Files.writeString(note, "sw\n");
        Properties later = props();
        InstalledLaunch.prepare(dir, app, later, false);
        assertEquals("sw", later.getProperty("prism.order"));
        assertNull(later.getProperty(LaunchProperties.PIPELINE_FILE));

        assertNotEquals(note, InstalledLaunch.note(dir, "/usr/local/corelanes/bin/CoreLanes", "x.jar"),
                "another installation notes its own");
        Properties none = props();
        InstalledLaunch.prepare(null, app, none, false);
        assertNull(none.getProperty(LaunchProperties.PIPELINE_FILE), "no cache folder: nothing noted, nothing asked");
    }

    @Test
    void aMachineWithoutAGpuAsksForSoftwareFromTheFirstWindow() {
        String app = "/opt/corelanes/bin/CoreLanes";
        Properties first = props();
        InstalledLaunch.prepare(dir, app, first, true);
        assertEquals("sw", first.getProperty("prism.order"), "no probe that can only fail");
        assertNull(first.getProperty(LaunchProperties.PIPELINE_FILE), "nothing to note");
        Properties noCacheFolder = props();
        InstalledLaunch.prepare(null, app, noCacheFolder, true);
        assertEquals("sw", noCacheFolder.getProperty("prism.order"), "known without any cache folder");
    }
}
