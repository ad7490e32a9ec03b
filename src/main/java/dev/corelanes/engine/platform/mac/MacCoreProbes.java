package dev.corelanes.engine.platform.mac;

import dev.corelanes.engine.platform.CoreProbe;

import java.util.function.Supplier;

/** How a Mac's core probe is loaded; apart from {@link MacCoreProbe} so that choosing binds nothing. */
public final class MacCoreProbes {

    private MacCoreProbes() {
    }

    /**
     * The probe {@code load} gives, checked: pthread_cpu_number_np() exists from macOS 11; before that, binding it
     * fails and the core is unknown with that reason (as it is when the call answers no core).
     */
    public static CoreProbe load(Supplier<CoreProbe> load, String osVersion) {
        CoreProbe p;
        try {
            p = load.get();
        } catch (Throwable e) { // UnsatisfiedLinkError, or its NoClassDefFoundError on a second try
            return CoreProbe.unknown("core unknown: pthread_cpu_number_np() is missing (it needs macOS 11 or later; "
                    + "this is macOS " + osVersion + ")");
        }
        int core = p.currentCore();
        return core >= 0 ? p : CoreProbe.unknown("core unknown: " + p.description() + " returned " + core);
    }
}
