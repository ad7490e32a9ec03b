package dev.corelanes.launch;

/** The main class of the small app-image {@link ShippedCacheCheckTest} builds: says it ran, with its arguments. */
public final class CacheCheckProbe {

    private CacheCheckProbe() {
    }

    public static void main(String[] args) {
        System.out.println("probe ran " + String.join(" ", args));
    }
}
