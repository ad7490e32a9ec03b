package dev.corelanes.engine.platform.host;

import dev.corelanes.engine.platform.NativeEnvironment;
import dev.corelanes.engine.platform.Os;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The C environment GTK reads: set for this process on Linux, never over what the user set; untouched elsewhere. */
class NativeEnvironmentTest {

    @Test
    void onLinuxAVariableIsSetForNativeCodeButTheUsersValueWins() {
        assumeTrue(Os.current().isLinux(), "setenv is bound on Linux only");
        NativeEnvironment env = Host.environment(Os.LINUX);
        String name = "CORELANES_TEST_" + ProcessHandle.current().pid();
        assumeTrue(env.setIfAbsent(name, "disable"), "JNA's native library could not be loaded here");
        assertEquals("disable", env.get(name));
        env.setIfAbsent(name, "other");
        assertEquals("disable", env.get(name), "a value already set is kept");
    }

    @Test
    void elsewhereNothingIsSet() {
        assertSame(NativeEnvironment.NONE, Host.environment(Os.WINDOWS));
        assertSame(NativeEnvironment.NONE, Host.environment(Os.MAC));
        assertFalse(Host.environment(Os.MAC).setIfAbsent("GDK_GL", "disable"));
    }
}
