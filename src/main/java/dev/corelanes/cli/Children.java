package dev.corelanes.cli;

import java.util.List;

/** Temporary: how the CLI starts CoreLanes children until the engine's worker launcher is merged. */
final class Children {
    private Children() {
    }

    static ProcessBuilder worker(List<String> args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.corelanes.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }
}
