package dev.corelanes.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading JavaFX's pipeline by its class, and the note the launcher reads. */
class RenderingPipelineTest {

    @TempDir
    Path tmp;

    @Test
    void thePipelinesPackageNamesIt() {
        assertEquals("sw", RenderingPipeline.nameOf("com.sun.prism.sw.SWPipeline"));
        assertEquals("es2", RenderingPipeline.nameOf("com.sun.prism.es2.ES2Pipeline"));
        assertEquals("d3d", RenderingPipeline.nameOf("com.sun.prism.d3d.D3DPipeline"));
        assertNull(RenderingPipeline.nameOf("org.example.Pipeline"));
        assertNull(RenderingPipeline.nameOf("com.sun.prism.Odd"));
    }

    @Test
    void theNoteReplacesTheOldOneWhole() throws Exception {
        Path note = Files.writeString(tmp.resolve("corelanes-app-jdk25-x.pipeline"), "es2\n");
        RenderingPipeline.write(note, "sw");
        assertEquals("sw\n", Files.readString(note));
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temporary file left");
        }
    }
}
