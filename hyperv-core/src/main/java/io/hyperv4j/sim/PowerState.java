package io.hyperv4j.sim;

/**
 * A simulated VM's power state, with the {@code Msvm_ComputerSystem.EnabledState} value Hyper-V
 * reports for it (wmi-facts A.1: 2 running, 3 off, 6 saved, 9 paused; transitional states use the
 * 327xx values: 32770 Starting, 32773 Saving, 32774 Stopping, 32776 Pausing, 32777 Resuming).
 */
public enum PowerState {
    RUNNING(2),
    OFF(3),
    SAVED(6),
    PAUSED(9),
    STARTING(32770),
    SAVING(32773),
    STOPPING(32774),
    PAUSING(32776),
    RESUMING(32777);

    private final int enabledState;

    PowerState(int enabledState) {
        this.enabledState = enabledState;
    }

    public int enabledState() {
        return enabledState;
    }

    public boolean isTransitional() {
        return enabledState >= 32768;
    }

    /** Whether the VM's memory is live (it counts against the host and shows uptime). */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == PAUSING || this == RESUMING
                || this == SAVING || this == STOPPING;
    }

    public static PowerState fromEnabledState(int v) {
        for (PowerState s : values()) if (s.enabledState == v) return s;
        throw new IllegalArgumentException("no simulated power state has EnabledState " + v);
    }
}
