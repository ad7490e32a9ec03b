package dev.corelanes.app;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * Gives the start-up's garbage back once the window is idle: one full collection a few seconds after the
 * machine was read, unless a run is going on. Start-up fills the heap with short-lived objects (CSS, fonts,
 * OSHI's first queries); with the window's options (serial GC, {@code MaxHeapFreeRatio=30}) a full collection
 * shrinks the committed heap and its pages leave the resident set (measured in benchmarks.md). Nothing is
 * collected again: a run's memory is the run's.
 */
final class IdleTrim {

    /** Property that turns it off ({@code -Dcorelanes.idleTrim=false}), to measure it. */
    static final String PROPERTY = "corelanes.idleTrim";
    static final long DELAY_MILLIS = 1500;

    private IdleTrim() {
    }

    /** Collects once, {@link #DELAY_MILLIS} after {@code machine} is known, if {@code running} is false then. */
    static void after(ObservableValue<?> machine, ObservableBooleanValue running) {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return;
        }
        Runnable later = () -> Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!running.get()) {
                System.gc();
            }
        });
        if (machine.getValue() != null) {
            later.run();
            return;
        }
        machine.addListener(new javafx.beans.value.ChangeListener<Object>() {
            @Override
            public void changed(ObservableValue<?> o, Object was, Object now) {
                if (now != null) {
                    machine.removeListener(this);
                    later.run();
                }
            }
        });
    }
}
