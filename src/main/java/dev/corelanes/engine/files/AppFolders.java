package dev.corelanes.engine.files;

import dev.corelanes.engine.platform.Os;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where CoreLanes keeps its own files, as each platform expects them — the one place that knows:
 *
 * <table>
 * <caption>folders per platform</caption>
 * <tr><th></th><th>Linux and other Unix (XDG)</th><th>macOS</th><th>Windows</th></tr>
 * <tr><td>data (kept runs)</td><td>{@code $XDG_DATA_HOME/corelanes}, default {@code ~/.local/share/corelanes}</td>
 *     <td>{@code ~/Library/Application Support/CoreLanes}</td><td>{@code %APPDATA%\CoreLanes}</td></tr>
 * <tr><td>config (settings)</td><td>{@code $XDG_CONFIG_HOME/corelanes}, default {@code ~/.config/corelanes}</td>
 *     <td>{@code ~/Library/Application Support/CoreLanes}</td><td>{@code %APPDATA%\CoreLanes}</td></tr>
 * <tr><td>cache (start-up archives)</td><td>{@code $XDG_CACHE_HOME/corelanes}, default {@code ~/.cache/corelanes}</td>
 *     <td>{@code ~/Library/Caches/CoreLanes}</td><td>{@code %LOCALAPPDATA%\CoreLanes\cache}</td></tr>
 * </table>
 *
 * <p>A folder is null when the environment names none (no home, no variable): the caller then keeps nothing
 * rather than writing somewhere unexpected. Nothing here creates a folder.
 */
public record AppFolders(Path data, Path config, Path cache) {

    /** The folders of the user running this JVM. */
    public static AppFolders user() {
        return of(Os.current(), System.getenv(), System.getProperty("user.home"));
    }

    /** The folders for {@code os}, from its environment and home folder. */
    public static AppFolders of(Os os, Map<String, String> env, String home) {
        // The JVM says "?" when the user has no entry in the password file.
        boolean noHome = home == null || home.isBlank() || home.equals("?");
        if (os.isWindows()) {
            Path roaming = folder(env.get("APPDATA"), "CoreLanes");
            Path local = folder(env.get("LOCALAPPDATA"), "CoreLanes");
            return new AppFolders(roaming, roaming, local == null ? null : local.resolve("cache"));
        }
        if (os.isMac()) {
            if (noHome) {
                return new AppFolders(null, null, null);
            }
            Path support = Path.of(home, "Library", "Application Support", "CoreLanes");
            return new AppFolders(support, support, Path.of(home, "Library", "Caches", "CoreLanes"));
        }
        return new AppFolders(xdg(env.get("XDG_DATA_HOME"), noHome ? null : home, ".local/share"),
                xdg(env.get("XDG_CONFIG_HOME"), noHome ? null : home, ".config"),
                xdg(env.get("XDG_CACHE_HOME"), noHome ? null : home, ".cache"));
    }

    private static Path folder(String base, String name) {
        return base == null || base.isBlank() ? null : Path.of(base, name);
    }

    /** The XDG base directory spec: a relative value is invalid and must be ignored, then the default holds. */
    private static Path xdg(String value, String home, String defaultUnderHome) {
        if (value != null && value.startsWith("/")) {
            return Path.of(value, "corelanes");
        }
        return home == null ? null : Path.of(home).resolve(defaultUnderHome).resolve("corelanes");
    }
}
