package dev.corelanes.bench;

/** The JVM's start-up floor for {@link StartBench}: a class that prints one word and ends. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
