package dev.corelanes.engine.files;

import java.util.Random;

/** Lets fuzz tests in other packages share the random-text generator. */
public final class RunFileFuzzTestAccess {
    private RunFileFuzzTestAccess() {
    }

    public static String randomText(Random r, int maxLength) {
        return RunFileFuzzTest.randomText(r, maxLength);
    }
}
