package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What trains the window JVM's AOT cache (JDK 25+, see {@link AppArchive}): a trainer — the window JVM's own
 * command with {@code -XX:AOTMode=record} and {@code -Dcorelanes.trainWindow=true}, which builds the real window off
 * screen and makes one tiny run, showing nothing — then an assembler ({@code -XX:AOTMode=create}), as the workers'
 * cache is made (StartupCache: the same build lock, temporary names, published as a new generation with a checksum,
 * never over a file another window JVM may map: {@link CacheFiles}). {@link IdleTraining} runs the two steps inside
 * the first session, while the window is idle, at the lowest priority ({@code nice}, where there is one).
 */
final class AppTraining {

    /** How a step ended: only a real failure stops later sessions from trying again for this jar and JDK. */
    enum Outcome { DONE, FAILED, UNFINISHED }

    private AppTraining() {
    }

    /** The trainer's and the assembler's commands, and the files they write, for window JVM command {@code cmd}. */
    record Plan(AppArchive.Names names, List<String> record, List<String> create, Path config, Path built) {
    }

    /**
     * The plan for the window JVM started with {@code cmd} ({@code java options… -cp path main args…}), or
     * null when it has no start-up files or this JDK cannot train an AOT cache.
     */
    static Plan plan(List<String> cmd, Path dir, int jdk) {
        int cp = cmd.indexOf("-cp");
        if (jdk < AppArchive.AOT_JDK || cp < 1 || cp + 2 >= cmd.size()) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (String o : cmd.subList(1, cp)) {
            if (!isOurs(o)) {
                options.add(o);
            }
        }
        return plan(cmd, AppArchive.names(options, cmd.get(cp + 1), dir, jdk));
    }

    /** The plan for the window JVM started with {@code cmd}, writing files named {@code n}; null when n is. */
    static Plan plan(List<String> cmd, AppArchive.Names n) {
        int cp = cmd.indexOf("-cp");
        if (n == null || cp < 1 || cp + 2 >= cmd.size()) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (String o : cmd.subList(1, cp)) {
            if (!isOurs(o)) {
                options.add(o);
            }
        }
        String classPath = cmd.get(cp + 1);
        List<String> same = new ArrayList<>();
        same.add(cmd.get(0));
        same.addAll(options);
        // Trained on the pipeline later launches ask for, now that the session found it.
        same.addAll(AppArchive.pipelineFlags(n, options).stream().filter(f -> f.startsWith("-Dprism.")).toList());
        Path config = n.temp(".aotconf");
        Path built = n.temp(".aot");
        List<String> record = new ArrayList<>(same);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-D" + LaunchProperties.TRAIN_WINDOW + "=true",
                "-cp", classPath, cmd.get(cp + 2)));
        List<String> create = new ArrayList<>(same);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + built,
                "-cp", classPath, cmd.get(cp + 2)));
        return new Plan(n, record, create, config, built);
    }

    /** Options of the launch itself that a training run must not take over (caches, probes, the pipeline note). */
    private static boolean isOurs(String o) {
        return o.startsWith(AppArchive.FILE_OPTION) || o.equals("-XX:+AutoCreateSharedArchive") || o.equals(AppArchive.QUIET)
                || o.startsWith(AppArchive.TRAIN_MARK)
                || o.startsWith(AppArchive.AOT_OPTION) || o.startsWith("-D" + AppArchive.PIPELINE_FILE + "=")
                || o.startsWith("-D" + LaunchProperties.EXIT_WHEN_READY) || o.startsWith("-D" + LaunchProperties.STARTUP_PROBE);
    }

    /** True when training is worth trying: no valid cache, and no failed attempt for this jar and JDK. */
    static boolean due(Plan p) {
        return p != null && p.names().aot() == null && !Files.exists(p.names().untrained());
    }

    /**
     * How a step's process ended, from its exit code: 0 made its file; killed (SIGKILL, 137) or ended by itself as
     * if by SIGTERM (143: a trainer that gave up or lost its launcher) is unfinished, tried again later; anything
     * else (a JVM refusing an option, a crash) failed, and will fail again for this jar and JDK.
     */
    static Outcome outcome(int exitCode) {
        return exitCode == 0 ? Outcome.DONE : exitCode == 137 || exitCode == 143 ? Outcome.UNFINISHED : Outcome.FAILED;
    }

    /** Notes that training failed here: not tried again until a new jar or JDK. */
    static void noteFailed(Plan p) {
        try {
            Files.writeString(p.names().untrained(), "training failed; a new jar or JDK tries again\n");
        } catch (IOException | RuntimeException e) {
            // then the next session tries again: no harm
        }
    }

    /** {@code nice -n 19} where the system has it: training takes only CPU nobody else wants. */
    static List<String> lowPriority() {
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                return List.of(nice, "-n", "19");
            }
        }
        return List.of();
    }

    static boolean nonEmpty(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path p) {
        CacheFiles.deleteQuietly(p, CacheFiles.SYSTEM); // a temporary file: if it cannot go now, the next build's sweep removes it
    }
}
