package io.hyperv4j.vm;

/**
 * A VM's state, decoded tolerantly from Msvm_ComputerSystem.EnabledState. The v2 table (2 Enabled,
 * 3 Disabled, 4 Shutting Down, 6 Enabled but Offline, 9 Quiesce, 10 Starting) and the v1-era
 * values Hyper-V still reports (32768 Paused, 32769 Suspended, 32770 Starting, 32771
 * Snapshotting, 32773 Saving, 32774 Stopping, 32776 Pausing, 32777 Resuming) are both understood,
 * so 6 and 32769 read as saved and 9 and 32768 as paused (wmi-facts A.1).
 */
public enum VmState {
    /** Running: EnabledState 2 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    RUNNING(2, true, false),
    /** Off: EnabledState 3 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    OFF(3, false, false),
    /** Saved (memory on disk): EnabledState 6 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    SAVED(6, false, false),
    /** Paused: EnabledState 9 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    PAUSED(9, true, false),
    /** Starting: EnabledState 10 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    STARTING(10, true, true),
    /** Shutting down: EnabledState 4 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    STOPPING(4, true, true),
    /** Saving: EnabledState 32773 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    SAVING(32773, true, true),
    /** Pausing: EnabledState 32776 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    PAUSING(32776, true, true),
    /** Resuming: EnabledState 32777 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    RESUMING(32777, true, true),
    /** Taking a checkpoint: EnabledState 32771 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    SNAPSHOTTING(32771, true, true),
    /** Fast-saved: EnabledState 32779 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    FAST_SAVED(32779, false, false),
    /** Fast-saving: EnabledState 32780 (or a value Hyper-V reports for it, see {@link #fromEnabledState}). */
    FAST_SAVING(32780, true, true),
    /** 1 Other, 5 Not Applicable, 7 In Test, 8 Deferred: reported, but no lifecycle meaning. */
    OTHER(1, false, false),
    /** 0 Unknown, or a value outside both tables. */
    UNKNOWN(0, false, false);

    private final int enabledState;
    private final boolean active;
    private final boolean transitional;

    VmState(int enabledState, boolean active, boolean transitional) {
        this.enabledState = enabledState;
        this.active = active;
        this.transitional = transitional;
    }

    /**
     * The EnabledState value that canonically means this state.
     *
     * @return the EnabledState value
     */
    public int enabledState() {
        return enabledState;
    }

    /**
     * The VM holds host resources (running, paused, or on its way between states): not off, not saved.
     *
     * @return whether the VM is active
     */
    public boolean isActive() {
        return active;
    }

    /**
     * On the way from one state to another; a new request now is likely refused as busy or invalid.
     *
     * @return whether the state is transitional
     */
    public boolean isTransitional() {
        return transitional;
    }

    /**
     * Decodes an EnabledState value; anything unrecognised is {@link #UNKNOWN}, never an error.
     *
     * @param value the EnabledState read from the host
     * @return the state
     */
    public static VmState fromEnabledState(long value) {
        return switch ((int) value) {
            case 2, 32781 -> RUNNING;
            case 3, 32782 -> OFF;
            case 4, 32774, 32783 -> STOPPING;
            case 6, 32769, 32784 -> SAVED;
            case 9, 32768, 32785 -> PAUSED;
            case 10, 32770, 32786 -> STARTING;
            case 32773, 32788 -> SAVING;
            case 32776, 32789 -> PAUSING;
            case 32777, 32790 -> RESUMING;
            case 32771 -> SNAPSHOTTING;
            case 32779, 32791 -> FAST_SAVED;
            case 32780, 32792 -> FAST_SAVING;
            case 1, 5, 7, 8 -> OTHER;
            default -> UNKNOWN;
        };
    }

    @Override
    public String toString() {
        String n = name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return n;
    }
}
