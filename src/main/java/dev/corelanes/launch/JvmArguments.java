package dev.corelanes.launch;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This JVM's own options, as {@code RuntimeMXBean.getInputArguments()} gives them, for the JDK 24+ restart
 * ({@link Relaunch}). Asking JMX costs the parent JVM ~13 ms and ~90 classes (its platform MBean providers) on the
 * way to starting the window's JVM; on Linux the same list is read from {@code /proc/self/cmdline}: the options
 * before the main class or {@code -jar}, as the java launcher passes them to the VM (a white-space module option
 * joined with {@code =}, the class path and the launcher's own options dropped).
 *
 * <p>Only a command line whose every option is known is read so; anything the VM would see differently falls back
 * to JMX: an {@code @argfile}, {@code -XX:VMOptionsFile}, {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS} and
 * {@code _JAVA_OPTIONS} (options the VM reads that are not on the command line), an option this reader does not
 * know, and every OS without {@code /proc}.
 */
final class JvmArguments {

    /** Variables whose options the VM adds to the command line's (JMX lists them). */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    /** Launcher options followed by a value that the launcher passes to the VM as {@code name=value} (java.c). */
    private static final Set<String> MODULE_OPTIONS = Set.of("--module-path", "--upgrade-module-path",
            "--add-modules", "--enable-native-access", "--limit-modules", "--add-exports", "--add-opens",
            "--add-reads", "--patch-module");

    /** Launcher options followed by a value that the VM never sees. */
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

    /** Options of the launcher's own, without a value, that the VM never sees (java.c). */
    private static final List<String> LAUNCHER_ONLY = List.of("-Xdiag", "-XshowSettings");

    /** {@code --name=value} options the VM takes as they are. */
    private static final List<String> VM_LONG_OPTIONS = List.of("--enable-preview", "--illegal-native-access=",
            "--sun-misc-unsafe-memory-access=", "--finalization=");

    private JvmArguments() {
    }

    /** This JVM's options: from {@code /proc/self/cmdline} when that gives the VM's view, else from JMX. */
    static List<String> current() {
        List<String> fromCommandLine = fromProc(System.getenv());
        return fromCommandLine != null ? fromCommandLine
                : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static List<String> fromProc(Map<String, String> env) {
        for (String v : OPTION_VARIABLES) {
            if (env.get(v) != null) {
                return null;
            }
        }
        Path cmdline = Path.of("/proc/self/cmdline");
        try {
            if (!Files.isReadable(cmdline)) {
                return null;
            }
            // The launcher's argv as the kernel keeps it: NUL-terminated strings in the platform's encoding.
            String encoding = System.getProperty("sun.jnu.encoding");
            return parse(split(Files.readAllBytes(cmdline),
                    encoding == null ? Charset.defaultCharset() : Charset.forName(encoding, Charset.defaultCharset())));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code /proc/<pid>/cmdline}'s NUL-separated strings. */
    static List<String> split(byte[] cmdline, Charset charset) {
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                argv.add(new String(cmdline, start, i - start, charset));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            argv.add(new String(cmdline, start, cmdline.length - start, charset));
        }
        return argv;
    }

    /**
     * The VM's options for a java launcher's {@code argv} (its program name first), as JMX lists them; null when
     * the command line holds something this reader does not know (then JMX is asked), or names no main class.
     */
    static List<String> parse(List<String> argv) {
        if (argv.isEmpty() || !launcher(argv.get(0))) {
            return null; // a JVM some other program created (an app's native launcher): its argv is its own
        }
        List<String> vm = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
                return vm; // what follows is the application's
            }
            if (!a.startsWith("-")) {
                // An argument file, a source file to launch, or the main class.
                return a.startsWith("@") || a.endsWith(".java") ? null : vm;
            }
            if (CLASS_PATH_OPTIONS.contains(a)) {
                i++; // the class path: the launcher passes it as java.class.path, which JMX does not list
                continue;
            }
            if (MODULE_OPTIONS.contains(a) || a.equals("-p")) {
                if (i + 1 >= argv.size()) {
                    return null;
                }
                vm.add((a.equals("-p") ? "--module-path" : a) + "=" + argv.get(++i));
                continue;
            }
            String kept = vmOption(a);
            if (kept == null) {
                return null; // not known here: JMX says what the VM saw
            }
            if (!kept.isEmpty()) {
                vm.add(kept);
            }
        }
        return null; // no main class: not a launch this reader understands
    }

    /** True when {@code program} is the java launcher (by its file name). */
    static boolean launcher(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("java");
    }

    /** {@code option} as the VM sees it, "" when only the launcher sees it, null when not known here. */
    private static String vmOption(String a) {
        for (String own : LAUNCHER_ONLY) {
            if (a.startsWith(own)) {
                return "";
            }
        }
        if (a.startsWith("-XX:")) {
            return a.startsWith("-XX:VMOptionsFile") ? null : a; // that file's options are the VM's, unseen here
        }
        if (a.startsWith("-D") || a.startsWith("-X") && a.length() > 2
                || a.startsWith("-verbose") || a.startsWith("-javaagent:") || a.startsWith("-agentlib:")
                || a.startsWith("-agentpath:") || assertions(a)) {
            return a;
        }
        if (a.startsWith("--")) {
            int eq = a.indexOf('=');
            if (eq > 0 && MODULE_OPTIONS.contains(a.substring(0, eq))) {
                return a;
            }
            for (String known : VM_LONG_OPTIONS) {
                if (known.endsWith("=") ? a.startsWith(known) : a.equals(known)) {
                    return a;
                }
            }
        }
        return null;
    }

    private static boolean assertions(String a) {
        String name = a.indexOf(':') > 0 ? a.substring(0, a.indexOf(':')) : a;
        return switch (name) {
            case "-ea", "-da", "-enableassertions", "-disableassertions" -> true;
            case "-esa", "-dsa", "-enablesystemassertions", "-disablesystemassertions" -> a.equals(name);
            default -> false;
        };
    }
}
