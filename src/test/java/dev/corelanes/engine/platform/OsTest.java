package dev.corelanes.engine.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsTest {

    @Test
    void namesTheJdkReportsAreToldApart() {
        assertEquals(Os.WINDOWS, Os.of("Windows 11"));
        assertEquals(Os.WINDOWS, Os.of("Windows Server 2022"));
        assertEquals(Os.MAC, Os.of("Mac OS X"));
        assertEquals(Os.LINUX, Os.of("Linux"));
        assertEquals(Os.OTHER, Os.of("FreeBSD"));
    }

    @Test
    void anEmptyOrMissingNameIsOther() {
        assertEquals(Os.OTHER, Os.of(""));
        assertEquals(Os.OTHER, Os.of(null));
    }

    @Test
    void theCurrentOsIsTheOneThisJvmReports() {
        assertEquals(Os.of(System.getProperty("os.name")), Os.current());
    }

    /**
     * Which OS this is gets decided here only. ArchUnit cannot see a string constant, so the sources are read:
     * outside engine.platform, {@code os.name} may only be shown (the machine's description in {@code info} and
     * the help window), never branched on.
     */
    @Test
    void noCodeOutsideThePlatformPackageReadsOsNameToDecide() throws IOException {
        List<String> shownOnly = List.of("MachineInfo.java", "HelpWindow.java");
        List<String> offenders = new java.util.ArrayList<>();
        for (String root : List.of("src/main/java", "src/main/java22")) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith("dev/corelanes/engine/platform/") || shownOnly.contains(f.getFileName().toString())) {
                        continue;
                    }
                    if (Files.readString(f).contains("\"os.name\"")) {
                        offenders.add(rel);
                    }
                }
            }
        }
        assertTrue(Files.isDirectory(Path.of("src/main/java/dev/corelanes/engine/platform")), "run from the project folder");
        assertEquals(List.of(), offenders, "these read os.name instead of asking Os");
    }
}
