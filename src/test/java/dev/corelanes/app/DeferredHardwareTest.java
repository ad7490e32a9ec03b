package dev.corelanes.app;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.hardware.Hardware;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The window's hardware is found on first use (the sampler thread), once, whoever asks first. */
class DeferredHardwareTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    private static Hardware fixed() {
        return new Hardware() {
            @Override
            public MachineInfo machine() {
                return MACHINE;
            }

            @Override
            public double[] cpuLoads() {
                return new double[]{0.25, 0.5};
            }
        };
    }

    @Test
    void nothingIsFoundUntilFirstUseThenOnce() {
        AtomicInteger finds = new AtomicInteger();
        DeferredHardware hw = new DeferredHardware(() -> {
            finds.incrementAndGet();
            return fixed();
        });
        assertEquals(0, finds.get(), "building the window must not start OSHI");

        assertSame(MACHINE, hw.machine());
        assertArrayEquals(new double[]{0.25, 0.5}, hw.cpuLoads());
        hw.machine();
        assertEquals(1, finds.get());
    }

    @Test
    void threadsAskingAtOnceShareOneFind() throws InterruptedException {
        AtomicInteger finds = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        DeferredHardware hw = new DeferredHardware(() -> {
            finds.incrementAndGet();
            return fixed();
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                hw.cpuLoads();
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, finds.get());
    }

    @Test
    void aLaunchsSessionLooksForTheMachineOnlyWhenToldAndOnce() throws InterruptedException {
        AtomicInteger finds = new AtomicInteger();
        CountDownLatch found = new CountDownLatch(1);
        RunSession session = new RunSession(new DeferredHardware(() -> {
            finds.incrementAndGet();
            found.countDown();
            return fixed();
        }), false);
        try {
            Thread.sleep(200);
            assertEquals(0, finds.get(), "nothing beside the toolkit's start and the opening frame");
            session.findMachine();
            session.findMachine();
            assertEquals(true, found.await(10, java.util.concurrent.TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(1, finds.get());
        } finally {
            session.close();
        }
    }
}
