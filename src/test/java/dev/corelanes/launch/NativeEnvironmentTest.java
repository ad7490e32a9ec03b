package dev.corelanes.launch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The C environment GTK reads: set for this process, never over what the user set. */
class NativeEnvironmentTest {

    @Test
    void aVariableIsSetForNativeCodeButTheUsersValueWins() {
        assumeFalse(System.getProperty("os.name", "").startsWith("Windows"), "no GTK, no setenv on Windows");
        String name = "CORELANES_TEST_" + ProcessHandle.current().pid();
        assumeTrue(NativeEnvironment.setIfAbsent(name, "disable"), "JNA's native library could not be loaded here");
        assertEquals("disable", NativeEnvironment.get(name));
        NativeEnvironment.setIfAbsent(name, "other");
        assertEquals("disable", NativeEnvironment.get(name), "a value already set is kept");
    }
}
