package dev.corelanes.engine.child;

import dev.corelanes.engine.platform.Os;

/** How a child ended, in words: "exit code 3", "killed by SIGKILL". */
public final class ExitStatus {

    private ExitStatus() {
    }

    /** Unix reports a death by signal N as exit code 128 + N. */
    public static String describe(int code) {
        boolean windows = Os.current().isWindows();
        if (!windows && code > 128 && code < 160) {
            int signal = code - 128;
            String sig = switch (signal) {
                case 9 -> "SIGKILL";
                case 15 -> "SIGTERM";
                case 6 -> "SIGABRT";
                case 11 -> "SIGSEGV";
                case 2 -> "SIGINT";
                case 1 -> "SIGHUP";
                case 7 -> "SIGBUS";
                default -> "signal " + signal;
            };
            return "killed by " + sig;
        }
        return "exit code " + code;
    }
}
