package dev.corelanes.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GIL's rules as CPython's ceval_gil.h has them, on orderings the algorithm makes certain (the only
 * times asserted are lower bounds a timed wait guarantees). The @Timeout only turns a hang into a failure.
 */
@Timeout(60)
class PythonGilTest {

    private static Thread start(String name, Runnable body) {
        return Thread.ofPlatform().name(name).start(body);
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private static Runnable unchecked(Body b) {
        return () -> {
            try {
                b.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void aFreeGilIsTakenAtOnceAndATakenOneIsNot() throws Exception {
        PythonGil gil = new PythonGil();
        assertTrue(gil.tryAcquire());
        assertTrue(gil.heldByCurrentThread());
        AtomicReference<Boolean> other = new AtomicReference<>();
        start("other", () -> other.set(gil.tryAcquire())).join();
        assertFalse(other.get(), "taken by another thread");
        assertFalse(gil.dropRequested(), "nobody waited");
        gil.release();
        assertFalse(gil.heldByCurrentThread());
        gil.release(); // not held: nothing happens
    }

    @Test
    void aWaiterAsksForTheGilOnlyAfterAWholeSwitchInterval() throws Exception {
        long interval = 50_000_000L; // 50 ms
        PythonGil gil = new PythonGil(interval);
        gil.acquire();
        long t0 = System.nanoTime();
        Thread waiter = start("waiter", unchecked(() -> {
            gil.acquire();
            gil.release();
        }));
        while (!gil.dropRequested()) {
            Thread.onSpinWait();
        }
        // A lower bound, guaranteed by the timed wait: the request never comes before the interval.
        assertTrue(System.nanoTime() - t0 >= interval, "asked after " + (System.nanoTime() - t0) / 1e6 + " ms");
        gil.yieldTurn();
        waiter.join();
        gil.release();
    }

    @Test
    void theHolderComputesOnUntilAskedItDoesNotHandOverJustBecauseSomeoneWaits() throws Exception {
        PythonGil gil = new PythonGil();
        gil.acquire();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = start("waiter", unchecked(() -> {
            waiting.countDown();
            gil.acquire();
            gil.release();
        }));
        waiting.await();
        // Not a fair lock: a waiter queued behind the holder changes nothing until its interval runs out.
        assertTrue(gil.heldByCurrentThread());
        while (!gil.dropRequested()) {
            Thread.onSpinWait();
        }
        gil.yieldTurn();
        waiter.join();
        gil.release();
    }

    @Test
    void aForcedSwitchLetsTheWaiterRunBeforeTheDropperTakesItBack() throws Exception {
        PythonGil gil = new PythonGil(1_000_000L);
        List<String> order = new CopyOnWriteArrayList<>();
        gil.acquire();
        Thread waiter = start("waiter", unchecked(() -> {
            gil.acquire();
            order.add("waiter ran");
            gil.release();
        }));
        while (!gil.dropRequested()) {
            Thread.onSpinWait();
        }
        gil.yieldTurn(); // returns only after the waiter took the GIL (and let it go)
        order.add("dropper back");
        assertTrue(gil.heldByCurrentThread());
        assertFalse(gil.dropRequested(), "the request was for this switch and is spent");
        gil.release();
        waiter.join();
        assertEquals(List.of("waiter ran", "dropper back"), order);
    }

    @Test
    void twoThreadsTakeTurnsAndNeverHoldItTogether() throws Exception {
        PythonGil gil = new PythonGil(1_000_000L);
        int turnsEach = 10;
        int[] holders = {0};
        int[] worst = {0};
        List<String> turns = new CopyOnWriteArrayList<>();
        Runnable body = unchecked(() -> {
            gil.acquire();
            try {
                for (int turn = 1; turn <= turnsEach; turn++) {
                    synchronized (holders) {
                        worst[0] = Math.max(worst[0], ++holders[0]);
                    }
                    turns.add(Thread.currentThread().getName());
                    boolean last = turn == turnsEach;
                    while (!last && !gil.dropRequested()) { // computing until the other thread asks
                        Thread.onSpinWait();
                    }
                    synchronized (holders) {
                        holders[0]--;
                    }
                    if (!last) {
                        gil.yieldTurn();
                    }
                }
            } finally {
                gil.release();
            }
        });
        Thread a = start("A", body);
        Thread b = start("B", body);
        a.join();
        b.join();
        assertEquals(1, worst[0], "two threads held the GIL at once");
        assertEquals(2 * turnsEach, turns.size());
        // A turn ends only when the other asked, and a forced switch hands over: the turns alternate.
        for (int i = 1; i < turns.size(); i++) {
            assertFalse(turns.get(i).equals(turns.get(i - 1)), "no hand-over at turn " + i + ": " + turns);
        }
    }

    @Test
    void cancellingAWaiterLeavesTheGilWithTheHolder() throws Exception {
        PythonGil gil = new PythonGil();
        gil.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread waiter = start("waiter", () -> {
            started.countDown();
            try {
                gil.acquire();
            } catch (InterruptedException e) {
                thrown.set(e);
                gil.release(); // as TaskBody's finally does: nothing, since it is not held
            }
        });
        started.await();
        waiter.interrupt();
        waiter.join();
        assertTrue(thrown.get() instanceof InterruptedException);
        assertTrue(gil.heldByCurrentThread());
        gil.release();
    }

    @Test
    void onlyTheHolderMayHandOver() {
        PythonGil gil = new PythonGil();
        assertThrows(IllegalStateException.class, gil::yieldTurn);
        assertThrows(IllegalArgumentException.class, () -> new PythonGil(10));
    }
}
