package io.hyperv4j.sim;

import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Timed actions in the order the clock reaches them: earlier first, and for equal times in the
 * order they were scheduled, so a run is reproducible. Thread-safe; actions run outside its monitor,
 * on whichever thread drives the {@link SimClock}.
 */
public final class Scheduler {

    /** What runs when the clock reaches a task's time; {@code at} is the time it was due. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs the action.
         *
         * @param at the time the task was due
         */
        void run(Instant at);
    }

    /** A scheduled action; {@link #cancel()} keeps it from running. */
    public static final class Task implements Comparable<Task> {
        private final Instant at;
        private final long seq;
        private final Action action;
        private volatile boolean cancelled;

        private Task(Instant at, long seq, Action action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        /**
         * When the task is due.
         *
         * @return the time
         */
        public Instant at() {
            return at;
        }

        /**
         * Returns false when it was already cancelled.
         *
         * @return whether this call cancelled it
         */
        public boolean cancel() {
            boolean was = cancelled;
            cancelled = true;
            return !was;
        }

        /**
         * Whether {@link #cancel()} was called.
         *
         * @return whether it is cancelled
         */
        public boolean isCancelled() {
            return cancelled;
        }

        void run() {
            if (!cancelled) action.run(at);
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nextSeq;
    private Runnable onEarlierTask = () -> {};

    /**
     * Schedules {@code action} at {@code at}; tasks due at one time run in the order scheduled.
     *
     * @param at     when it is due
     * @param action what runs then
     * @return the task, to cancel it
     */
    public synchronized Task schedule(Instant at, Action action) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Task t = new Task(at, nextSeq++, action);
        Task head = peekLive();
        queue.add(t);
        if (head == null || t.compareTo(head) < 0) onEarlierTask.run();
        return t;
    }

    /**
     * The time of the next live task, or null when nothing is scheduled.
     *
     * @return the time, or null
     */
    public synchronized Instant nextTime() {
        Task t = peekLive();
        return t == null ? null : t.at;
    }

    /**
     * Removes and returns the next live task due at or before {@code now}, or null.
     *
     * @param now the current time
     * @return the task, or null when none is due
     */
    public synchronized Task pollDue(Instant now) {
        Task t = peekLive();
        if (t == null || t.at.isAfter(now)) return null;
        return queue.poll();
    }

    /**
     * Live (not cancelled) tasks waiting.
     *
     * @return the number of tasks
     */
    public synchronized int size() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    synchronized void onEarlierTask(Runnable r) {
        this.onEarlierTask = Objects.requireNonNull(r);
    }

    private Task peekLive() {
        Task t;
        while ((t = queue.peek()) != null && t.cancelled) queue.poll();
        return t;
    }
}
