package dev.corelanes.launch;

import dev.corelanes.engine.files.CacheFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window JVM's AOT cache and rendering-pipeline note: naming, staleness, when it is used, when trained,
 * and with what (fixtures in a temp folder; no JVM is trained here).
 */
class AppTrainingTest {

    @TempDir
    Path tmp;

    private static final List<String> OPTIONS = List.of(Relaunch.OPTION, Relaunch.NATIVE_ACCESS, "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xms16m");

    private Path jar() throws Exception {
        Path jar = tmp.resolve("corelanes.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "not really a jar");
        }
        return jar;
    }

    private AppArchive.Names names(List<String> options) throws Exception {
        return AppArchive.names(options, jar().toString(), Files.createDirectories(tmp.resolve("cache")), 25);
    }

    /** A cache "built" and published as the trainer publishes it: a new generation with its checksum. */
    private CacheFiles.Generation trained(AppArchive.Names n) throws Exception {
        Path built = Files.write(n.temp(".aot"), new byte[4096]);
        return CacheFiles.publish(built, n.dir(), n.base(), ".aot");
    }

    /** An archive a session wrote and the parent published. */
    private CacheFiles.Generation archived(AppArchive.Names n) throws Exception {
        Path built = Files.write(n.dump(), new byte[8192]);
        return CacheFiles.publish(built, n.dir(), n.base(), ".jsa");
    }

    /** The window JVM's command as Relaunch makes it, with {@code flags} for the cache and pipeline. */
    private List<String> command(List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(OPTIONS);
        cmd.addAll(flags);
        cmd.addAll(List.of("-Dcorelanes.exitWhenReady=true", "-D" + LaunchProperties.RELAUNCHED + "=true", "-cp", jar().toString(),
                "dev.corelanes.Main", "a.corelanes.json"));
        return cmd;
    }

    @Test
    void namesChangeWithJarsAndOptionsButNotWithProperties() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        List<String> withProps = new ArrayList<>(OPTIONS);
        withProps.addAll(List.of("-Dprism.order=sw", "-Dcorelanes.startupProbe=true"));
        assertEquals(n, names(withProps), "properties decide no cached class; our own vary per launch");
        List<String> otherGc = new ArrayList<>(OPTIONS);
        otherGc.set(2, "-XX:+UseG1GC");
        assertNotEquals(n.base(), names(otherGc).base(), "the JVM refuses an AOT cache made with other options");
        assertTrue(n.base().startsWith(AppArchive.PREFIX + "jdk25-"));
        Files.writeString(jar(), "rebuilt, another size");
        assertNotEquals(n.base(), names(OPTIONS).base(), "a rebuilt jar gets files of its own");
        assertNull(AppArchive.names(OPTIONS, jar().toString(), null, 25), "no cache folder, no cache");
    }

    @Test
    void aValidAotCacheIsUsedQuietlyAndTheArchiveGoesOnJdk24TheArchiveStays() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        assertEquals(List.of(AppArchive.QUIET, AppArchive.TRAIN_MARK + n.base()), AppArchive.flags(n, 25),
                "the first session: no archive written at exit, it trains the AOT cache while idle");
        Files.writeString(n.untrained(), "failed");
        assertEquals(List.of(AppArchive.FILE_OPTION + n.dump(), "-XX:+AutoCreateSharedArchive", AppArchive.QUIET),
                AppArchive.flags(n, 25), "training failed here: the archive, written at exit, instead");
        CacheFiles.Generation archive = archived(n);
        CacheFiles.Generation aot = trained(n);
        assertEquals(List.of(AppArchive.AOT_OPTION + aot.data(), AppArchive.QUIET), AppArchive.flags(n, 25));
        assertFalse(Files.exists(archive.data()), "the archive is dead weight once the AOT cache exists");
        assertTrue(Files.exists(aot.data()) && Files.exists(aot.sum()));
        assertTrue(AppArchive.flags(n, 24).get(0).startsWith(AppArchive.FILE_OPTION), "JDK 24 cannot read an AOT cache");
    }

    @Test
    void aDamagedOrHalfWrittenCacheIsNotUsed() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        CacheFiles.Generation g = trained(n);
        Files.write(g.data(), new byte[1000]); // damaged in place: another size than its checksum says
        assertTrue(AppArchive.flags(n, 25).stream().noneMatch(f -> f.startsWith(AppArchive.AOT_OPTION)));
        assertTrue(AppArchive.flags(n, 25).contains(AppArchive.TRAIN_MARK + n.base()), "trained again in this session");
        g = trained(n);
        Files.delete(g.sum()); // a checksum lost (discarded, or never written)
        assertTrue(AppArchive.flags(n, 25).stream().noneMatch(f -> f.startsWith(AppArchive.AOT_OPTION)));
    }

    @Test
    void filesOfOtherBuildsGoFilesBeingBuiltAndTheWorkersStay() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        Path old = Files.writeString(n.dir().resolve(AppArchive.PREFIX + "jdk25-0123456789ab.aot"), "old");
        Path oldNote = Files.writeString(n.dir().resolve(AppArchive.PREFIX + "jdk25-0123456789ab.pipeline"), "sw");
        long me = ProcessHandle.current().pid();
        Path building = Files.writeString(n.dir().resolve(AppArchive.PREFIX + "jdk25-0123456789ab.tmp-" + me + ".aot"), "half");
        Process gone = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path killed = Files.writeString(n.dir().resolve(n.base() + ".tmp-" + gone.pid() + ".aot"), "half");
        Path worker = Files.writeString(n.dir().resolve("corelanes-worker-jdk25-0123456789ab.aot"), "worker's");
        Path note = Files.writeString(n.pipeline(), "sw");
        AppArchive.flags(n, 25);
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldNote), "a new jar or JDK probes the pipeline again");
        assertTrue(Files.exists(note));
        assertTrue(Files.exists(building), "a process that is still running may be building it");
        assertFalse(Files.exists(killed), "its builder is gone");
        assertTrue(Files.exists(worker), "the workers' cache is not the window's to remove");
    }

    @Test
    void aSessionWithoutAnAotCacheTrainsUnderTheLaunchsNameOnJdk25Only() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        List<String> first = command(AppArchive.flags(n, 25));
        assertEquals(n.base(), AppArchive.trainingBase(first, 25), "the files the next launch looks for");
        assertNull(AppArchive.trainingBase(first, 24), "JDK 24 has no AOT cache to write");
        Files.writeString(n.untrained(), "failed");
        List<String> withArchive = command(AppArchive.flags(n, 25));
        assertNull(AppArchive.trainingBase(withArchive, 25), "failed here: not tried again for this jar and JDK");
        Files.delete(n.untrained());
        trained(n);
        assertNull(AppArchive.trainingBase(command(AppArchive.flags(n, 25)), 25), "it has one");
        assertNull(AppArchive.trainingBase(command(List.of()), 25), "no cache folder, no training");
    }

    @Test
    void theWindowJvmsPlanNamesTheFilesAsTheLaunchDidWhateverOptionsItSees() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        List<String> cmd = command(AppArchive.flags(n, 25));
        cmd.add(1, "-XX:+UseSerialGC"); // an option the JVM saw twice (JDK_JAVA_OPTIONS): another fingerprint
        AppTraining.Plan p = AppTraining.plan(cmd, new AppArchive.Names(n.dir(), AppArchive.trainingBase(cmd, 25)));
        assertEquals(n, p.names());
        assertTrue(p.record().containsAll(OPTIONS));
    }

    @Test
    void theTrainerIsTheWindowJvmsOwnCommandRecordingWithNoArchiveProbeOrArguments() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        List<String> cmd = command(AppArchive.flags(n, 25));
        AppTraining.Plan p = AppTraining.plan(cmd, n.dir(), 25);
        assertNotNull(p);
        assertEquals(n, p.names(), "the cache is made under the name later launches look for");
        List<String> record = p.record();
        assertTrue(record.containsAll(OPTIONS), "the same options, or the JVM would refuse the cache: " + record);
        assertTrue(record.contains("-D" + LaunchProperties.RELAUNCHED + "=true"), "it follows its parent, so it is never orphaned");
        assertTrue(record.contains("-XX:AOTMode=record") && record.contains("-XX:AOTConfiguration=" + p.config()));
        assertTrue(record.contains("-Dcorelanes.trainWindow=true"));
        assertTrue(record.stream().noneMatch(a -> a.startsWith(AppArchive.FILE_OPTION) || a.contains("AutoCreateShared")
                || a.contains("exitWhenReady") || a.startsWith(AppArchive.TRAIN_MARK)), record.toString());
        assertEquals(List.of("-cp", jar().toString(), "dev.corelanes.Main"), record.subList(record.size() - 3, record.size()),
                "no run files: training opens none of the user's files");
        assertTrue(p.create().contains("-XX:AOTMode=create") && p.create().contains("-XX:AOTCache=" + p.built()));
        assertTrue(p.built().getFileName().toString().contains(".tmp-"), "built under a temporary name");
        assertNull(AppTraining.plan(cmd, n.dir(), 24));
    }

    @Test
    void aTrainerRunsOnTheSoftwarePipelineOnceTheSessionFoundIt() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        List<String> cmd = command(AppArchive.flags(n, 25));
        assertFalse(AppTraining.plan(cmd, n.dir(), 25).record().contains("-Dprism.order=sw"));
        Files.writeString(n.pipeline(), "sw\n");
        List<String> record = AppTraining.plan(cmd, n.dir(), 25).record();
        assertTrue(record.contains("-Dprism.order=sw"), record.toString());
        assertEquals(Map.of("GDK_GL", "disable"), AppArchive.environment(record, Map.of()));
    }

    @Test
    void trainingIsNotDueWithAValidCacheOrAfterItFailedForThisBuild() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        AppTraining.Plan p = AppTraining.plan(command(AppArchive.flags(n, 25)), n.dir(), 25);
        assertTrue(AppTraining.due(p));
        Files.writeString(n.untrained(), "failed");
        assertFalse(AppTraining.due(p), "a machine where training fails does not pay for it at every exit");
        Files.delete(n.untrained());
        trained(n);
        assertFalse(AppTraining.due(p));
        assertFalse(AppTraining.due(null));
    }

    @Test
    void softwareRenderingIsAskedForOnlyWhereJavaFxFellBackToIt() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        assertEquals(List.of("-D" + AppArchive.PIPELINE_FILE + "=" + n.pipeline()), AppArchive.pipelineFlags(n, OPTIONS, false),
                "nothing known yet: the window notes what it gets");
        Files.writeString(n.pipeline(), "es2\n");
        assertEquals(List.of("-D" + AppArchive.PIPELINE_FILE + "=" + n.pipeline()), AppArchive.pipelineFlags(n, OPTIONS, false),
                "hardware rendering worked: never forced to software");
        Files.writeString(n.pipeline(), "sw\n");
        assertEquals(List.of("-Dprism.order=sw"), AppArchive.pipelineFlags(n, OPTIONS, false));
        List<String> usersChoice = new ArrayList<>(OPTIONS);
        usersChoice.add("-Dprism.order=es2");
        assertEquals(List.of(), AppArchive.pipelineFlags(n, usersChoice, false), "the user's choice wins");
        assertEquals(List.of(), AppArchive.pipelineFlags(null, OPTIONS, false));
    }

    @Test
    void aMachineWithoutAGpuIsToldSoftwareFromItsFirstLaunchButTheUsersChoiceStillWins() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        assertEquals(List.of("-Dprism.order=sw"), AppArchive.pipelineFlags(n, OPTIONS, true), "nothing noted, nothing probed");
        List<String> usersChoice = new ArrayList<>(OPTIONS);
        usersChoice.add("-Dprism.order=es2");
        assertEquals(List.of(), AppArchive.pipelineFlags(n, usersChoice, true));
    }

    @Test
    void gtkIsToldToSkipOpenGlOnlyWithSoftwareRenderingAndNotOverTheUsersSetting() {
        assertEquals(Map.of("GDK_GL", "disable"), AppArchive.environment(List.of("java", "-Dprism.order=sw"), Map.of()));
        assertEquals(Map.of(), AppArchive.environment(List.of("java", "-Dprism.order=sw"), Map.of("GDK_GL", "always")));
        assertEquals(Map.of(), AppArchive.environment(List.of("java"), Map.of()));
        assertEquals(Map.of(), AppArchive.environment(List.of("java", "-Dprism.order=sw", "-Dprism.order=es2,sw"), Map.of()),
                "the last one wins, as in the JVM");
    }

    @Test
    void aWindowJvmThatCrashedWithOurAotCacheLosesItTheUsersOwnStays() throws Exception {
        AppArchive.Names n = names(OPTIONS);
        CacheFiles.Generation g = trained(n);
        List<String> cmd = command(AppArchive.flags(n, 25));
        Relaunch.dropArchiveAfterCrash(cmd, 0);
        assertEquals(g, n.aot());
        Relaunch.dropArchiveAfterCrash(cmd, Relaunch.JVM_CRASH);
        assertFalse(Files.exists(g.data()));
        assertFalse(Files.exists(g.sum()));
        assertNull(n.aot());
        Path users = Files.writeString(tmp.resolve("my.aot"), "the user's own");
        Relaunch.dropArchiveAfterCrash(List.of("java", AppArchive.AOT_OPTION + users, "-cp", "x.jar"), Relaunch.JVM_CRASH);
        assertTrue(Files.exists(users));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Only a step that ended by itself with an error failed for good; one killed or that gave up is tried again. */
    @Test
    void aStepKilledOrGivingUpIsUnfinishedOnlyAnErrorFails() throws Exception {
        assertEquals(AppTraining.Outcome.DONE, AppTraining.outcome(0));
        assertEquals(AppTraining.Outcome.UNFINISHED, AppTraining.outcome(137), "SIGKILL: stopped for a run, or by the user");
        assertEquals(AppTraining.Outcome.UNFINISHED, AppTraining.outcome(143), "a trainer that gave up (WindowTraining)");
        assertEquals(AppTraining.Outcome.FAILED, AppTraining.outcome(1), "a JVM refusing an option");
        assertEquals(AppTraining.Outcome.FAILED, AppTraining.outcome(134), "a crash");
        Process refused = new ProcessBuilder(java(), "-XX:+CoreLanesNoSuchOption", "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(AppTraining.Outcome.FAILED, AppTraining.outcome(refused.waitFor()), "what a real JVM's refusal exits with");
    }
}
