package dev.corelanes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** What every benchmark asks of the machine it runs on: how busy it is, and a temporary folder removed after. */
final class BenchHost {

    private BenchHost() {
    }

    /** The load average over 1, 5 and 15 minutes ("1.68 2.06 4.04"), printed beside figures from a shared machine. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Removes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
