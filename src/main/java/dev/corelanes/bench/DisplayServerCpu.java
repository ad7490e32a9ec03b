package dev.corelanes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time of the X server a window draws to (Xvfb, Xorg), sampled every few milliseconds on a thread of its
 * own, so that the part of it inside a run's time span can be read afterwards. The window's own drawing threads
 * are measured by the app ({@code conditions.windowCpuSeconds}); with software rendering each frame is also copied
 * into the X server, which is another process on the same cores — this is its share. Linux only: elsewhere, or
 * without an X server found, it measures nothing and says so.
 */
final class DisplayServerCpu implements AutoCloseable {

    private static final long TICK_MILLIS = 10; // /proc's clock ticks (USER_HZ = 100 on Linux)
    private final Path stat;
    private final List<long[]> samples = new ArrayList<>(); // {epoch millis, utime + stime ticks}
    private final Thread thread;
    private volatile boolean stopping;

    private DisplayServerCpu(Path stat) {
        this.stat = stat;
        this.thread = new Thread(this::sample, "display-server-cpu");
        thread.setDaemon(true);
        if (stat != null) {
            thread.start();
        }
    }

    /** Starts sampling the X server of display {@code display} (":31"), or nothing when none is found. */
    static DisplayServerCpu start(String display) {
        return new DisplayServerCpu(find(display));
    }

    boolean found() {
        return stat != null;
    }

    private static Path find(String display) {
        if (display == null) {
            return null;
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ').trim();
                    String exe = cmd.isEmpty() ? "" : Path.of(cmd.split(" ")[0]).getFileName().toString();
                    if ((exe.equals("Xvfb") || exe.equals("Xorg") || exe.equals("X")) && (" " + cmd + " ").contains(" " + display + " ")) {
                        return p.resolve("stat");
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private void sample() {
        while (!stopping) {
            try {
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                synchronized (samples) {
                    samples.add(new long[] {System.currentTimeMillis(), ticks});
                }
                Thread.sleep(5);
            } catch (IOException | RuntimeException e) {
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Seconds of the X server's CPU between the two epoch times, or NaN when it was not sampled over them. */
    double secondsBetween(long fromMillis, long toMillis) {
        synchronized (samples) {
            long[] a = null;
            long[] b = null;
            for (long[] s : samples) {
                if (s[0] <= fromMillis) {
                    a = s;
                }
                if (b == null && s[0] >= toMillis) {
                    b = s;
                }
            }
            return a == null || b == null ? Double.NaN : (b[1] - a[1]) * TICK_MILLIS / 1000.0;
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
