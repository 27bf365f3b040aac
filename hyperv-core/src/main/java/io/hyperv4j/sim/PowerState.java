package io.hyperv4j.sim;

/**
 * A simulated VM's power state, with the {@code Msvm_ComputerSystem.EnabledState} value Hyper-V
 * reports for it (wmi-facts A.1: 2 running, 3 off, 6 saved, 9 paused; transitional states use the
 * 327xx values: 32770 Starting, 32773 Saving, 32774 Stopping, 32776 Pausing, 32777 Resuming).
 */
public enum PowerState {
    /** Running: EnabledState 2. */
    RUNNING(2),
    /** Off: EnabledState 3. */
    OFF(3),
    /** Saved: EnabledState 6. */
    SAVED(6),
    /** Paused: EnabledState 9. */
    PAUSED(9),
    /** Starting: EnabledState 32770. */
    STARTING(32770),
    /** Saving: EnabledState 32773. */
    SAVING(32773),
    /** Stopping: EnabledState 32774. */
    STOPPING(32774),
    /** Pausing: EnabledState 32776. */
    PAUSING(32776),
    /** Resuming: EnabledState 32777. */
    RESUMING(32777);

    private final int enabledState;

    PowerState(int enabledState) {
        this.enabledState = enabledState;
    }

    /**
     * The EnabledState Hyper-V reports for this state.
     *
     * @return the value
     */
    public int enabledState() {
        return enabledState;
    }

    /**
     * On the way between states (a 327xx value).
     *
     * @return whether the state is transitional
     */
    public boolean isTransitional() {
        return enabledState >= 32768;
    }

    /**
     * Whether the VM's memory is live (it counts against the host and shows uptime).
     *
     * @return whether the VM is active
     */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == PAUSING || this == RESUMING
                || this == SAVING || this == STOPPING;
    }

    /**
     * The state for an EnabledState value.
     *
     * @param v the value
     * @return the state
     * @throws IllegalArgumentException when no state has that value
     */
    public static PowerState fromEnabledState(int v) {
        for (PowerState s : values()) if (s.enabledState == v) return s;
        throw new IllegalArgumentException("no simulated power state has EnabledState " + v);
    }
}
