package io.hyperv4j.sim;

/** How a lab's time moves. */
public enum ClockMode {
    /**
     * Deterministic: time stands still until a caller waits ({@link io.hyperv4j.cim.CimSession#await});
     * the waiting thread then jumps time to the next scheduled event and runs it, until what it
     * waits for is done. A 15-minute job completes in milliseconds of wall time.
     */
    VIRTUAL,
    /** Real time multiplied by a rate (60 = one simulated minute per second); a daemon thread fires events. */
    SCALED,
    /** Time moves only when {@link SimClock#advance} is called (tests). */
    MANUAL
}
