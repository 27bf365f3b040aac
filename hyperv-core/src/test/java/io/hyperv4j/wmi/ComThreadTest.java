package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ComThreadTest {
    private static final Duration LONG = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(50);

    /** Records which thread entered and left the apartment. */
    static final class RecordingApartment implements ComThread.Apartment {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile Thread entered;

        @Override
        public void enter() {
            entered = Thread.currentThread();
            events.add("enter");
        }

        @Override
        public void leave() {
            assertSame(entered, Thread.currentThread(), "leave on the thread that entered");
            events.add("leave");
        }
    }

    private final RecordingApartment apartment = new RecordingApartment();
    private ComThread com;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        if (com != null) com.close(LONG, null);
    }

    @Test
    void everyTaskRunsOnTheOneThreadThatJoinedTheApartment() throws Exception {
        com = new ComThread("t", apartment, LONG);
        Thread first = com.call("a", LONG, Thread::currentThread);
        Thread second = com.call("b", LONG, Thread::currentThread);
        assertSame(first, second);
        assertSame(apartment.entered, first);
        assertNotSame(Thread.currentThread(), first);
        assertTrue(first.isDaemon());
        assertEquals(List.of("enter"), apartment.events);
    }

    @Test
    void callersOnManyThreadsAreSerialized() throws Exception {
        com = new ComThread("t", apartment, LONG);
        AtomicBoolean inside = new AtomicBoolean();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (int j = 0; j < 50; j++) {
                        com.call("x", LONG, () -> {
                            assertTrue(inside.compareAndSet(false, true), "two tasks at once");
                            inside.set(false);
                            return null;
                        });
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) t.join();
        assertEquals(List.of(), errors);
    }

    @Test
    void aTaskThatOverrunsItsTimeoutIsReportedAndItsResultDropped() throws Exception {
        com = new ComThread("t", apartment, LONG);
        CountDownLatch running = new CountDownLatch(1);
        CimException e = assertThrows(CimException.class, () -> com.call("ExecMethod", SHORT, () -> {
            running.countDown();
            release.await();
            return "late";
        }));
        assertEquals(CimError.TIMED_OUT, e.error());
        assertTrue(e.getMessage().contains("ExecMethod did not complete within"), e.getMessage());
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        release.countDown();
        assertEquals("next", com.call("next", LONG, () -> "next"), "the thread is usable once the slow call returns");
    }

    @Test
    void aResultThatArrivesAfterTheCallerGaveUpGoesToDiscardOnTheComThread() throws Exception {
        com = new ComThread("t", apartment, LONG);
        AtomicReference<Thread> discardedOn = new AtomicReference<>();
        List<String> discarded = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        CimException e = assertThrows(CimException.class, () -> com.call("late", SHORT, () -> {
            release.await();
            return "enumerator";
        }, r -> {
            discarded.add(r);
            discardedOn.set(Thread.currentThread());
            done.countDown();
        }));
        assertEquals(CimError.TIMED_OUT, e.error());
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("enumerator"), discarded);
        assertSame(apartment.entered, discardedOn.get());
        assertEquals("in time", com.call("prompt", LONG, () -> "in time", r -> fail("a delivered result is not discarded")));
    }

    @Test
    void aQueuedTaskThatTimesOutNeverRuns() throws Exception {
        com = new ComThread("t", apartment, LONG);
        CountDownLatch running = new CountDownLatch(1);
        Thread blocker = new Thread(() -> com.call("GetObject", LONG, () -> {
            running.countDown();
            release.await();
            return null;
        }));
        blocker.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        CimException e = assertThrows(CimException.class, () -> com.call("ExecQuery", SHORT, () -> ran.getAndSet(true)));
        assertEquals(CimError.TIMED_OUT, e.error());
        assertTrue(e.getMessage().contains("never started because") && e.getMessage().contains("busy with GetObject"), e.getMessage());
        release.countDown();
        blocker.join();
        com.call("sync", LONG, () -> null); // everything queued before it has been dealt with
        assertFalse(ran.get(), "a task whose caller gave up must not run later");
    }

    @Test
    void taskExceptionsReachTheCallerUnchanged() {
        com = new ComThread("t", apartment, LONG);
        CimException thrown = new CimException(CimError.NOT_FOUND, "gone");
        assertSame(thrown, assertThrows(CimException.class, () -> com.call("x", LONG, () -> { throw thrown; })));
        CimException checked = assertThrows(CimException.class, () -> com.call("y", LONG, () -> { throw new java.io.IOException("io"); }));
        assertEquals(CimError.FAILED, checked.error());
        assertEquals("ok", com.call("z", LONG, () -> "ok"), "a failing task does not kill the thread");
    }

    @Test
    void tasksCanCallBackIntoTheThreadWithoutDeadlock() {
        com = new ComThread("t", apartment, LONG);
        assertEquals("inner", com.call("outer", LONG, () -> com.call("inner", LONG, () -> "inner")));
    }

    @Test
    void closeFailsQueuedTasksRunsTheFinalTaskOnTheThreadAndLeavesTheApartment() throws Exception {
        com = new ComThread("t", apartment, LONG);
        CountDownLatch running = new CountDownLatch(1);
        Thread blocker = new Thread(() -> com.call("slow", LONG, () -> {
            running.countDown();
            release.await();
            return null;
        }));
        blocker.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        AtomicReference<Throwable> queuedFailure = new AtomicReference<>();
        AtomicBoolean queuedRan = new AtomicBoolean();
        CountDownLatch queuedDone = new CountDownLatch(1);
        Thread queued = new Thread(() -> {
            try {
                com.call("queued", LONG, () -> queuedRan.getAndSet(true));
            } catch (Throwable t) {
                queuedFailure.set(t);
            }
            queuedDone.countDown();
        });
        queued.start();
        waitUntilQueued();
        AtomicReference<Thread> finalThread = new AtomicReference<>();
        Thread closer = new Thread(() -> com.close(LONG, () -> finalThread.set(Thread.currentThread())));
        closer.start();
        assertTrue(queuedDone.await(5, TimeUnit.SECONDS), "queued caller released by close");
        assertInstanceOf(CimException.class, queuedFailure.get());
        assertEquals(CimError.SHUTTING_DOWN, ((CimException) queuedFailure.get()).error());
        release.countDown();
        closer.join();
        assertFalse(queuedRan.get());
        assertSame(apartment.entered, finalThread.get());
        assertEquals(List.of("enter", "leave"), apartment.events);
        assertTrue(com.isTerminated());
        CimException after = assertThrows(CimException.class, () -> com.call("after", LONG, () -> null));
        assertEquals(CimError.SHUTTING_DOWN, after.error());
    }

    private void waitUntilQueued() throws InterruptedException {
        // The queued caller is parked in Future.get once its job is enqueued; poll briefly for that.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (com.queued() == 0) {
            if (System.nanoTime() > deadline) fail("task was never queued");
            Thread.onSpinWait();
        }
    }

    @Test
    void closeReturnsWithinItsBoundWhileTheThreadIsStuckInANativeCall() throws Exception {
        com = new ComThread("t", apartment, LONG);
        CountDownLatch running = new CountDownLatch(1);
        Thread blocker = new Thread(() -> {
            try {
                com.call("stuck", LONG, () -> {
                    running.countDown();
                    release.await();
                    return null;
                });
            } catch (CimException ignored) {
                // the caller may time out; irrelevant here
            }
        });
        blocker.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        AtomicBoolean finalRan = new AtomicBoolean();
        com.close(SHORT, () -> finalRan.set(true));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "close took " + ms + " ms");
        assertFalse(com.isTerminated(), "still inside the stuck call");
        assertFalse(finalRan.get());
        release.countDown();
        blocker.join();
        assertTrue(com.awaitTermination(LONG));
        assertTrue(finalRan.get(), "COM objects are released once the stuck call returns");
        assertEquals(List.of("enter", "leave"), apartment.events);
    }

    @Test
    void aFailureToJoinTheApartmentFailsTheConstructor() {
        CimException boom = new CimException(CimError.FAILED, "CoInitializeEx failed");
        ComThread.Apartment failing = new ComThread.Apartment() {
            @Override
            public void enter() {
                throw boom;
            }

            @Override
            public void leave() {
                fail("never entered");
            }
        };
        assertSame(boom, assertThrows(CimException.class, () -> new ComThread("t", failing, LONG)));
    }

    @Test
    void anInterruptedCallerGetsCallCancelled() throws Exception {
        com = new ComThread("t", apartment, LONG);
        AtomicReference<Throwable> got = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                com.call("slow", LONG, () -> {
                    running.countDown();
                    release.await();
                    return null;
                });
            } catch (Throwable t) {
                got.set(t);
                assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
            }
        });
        caller.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        assertEquals(CimError.CALL_CANCELLED, ((CimException) got.get()).error());
    }
}
