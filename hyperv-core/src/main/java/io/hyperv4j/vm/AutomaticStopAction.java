package io.hyperv4j.vm;

/**
 * What a running VM does when its host shuts down (Set-VM -AutomaticStopAction;
 * Msvm_VirtualSystemSettingData.AutomaticShutdownAction). Hyper-V changes it only while the VM is off.
 */
public enum AutomaticStopAction {
    /** 2 Turn off. */
    TURN_OFF(2),
    /** 3 Save state (New-VM's default). */
    SAVE(3),
    /** 4 Shutdown: through the guest's shutdown integration service. */
    SHUT_DOWN(4);

    private final int value;

    AutomaticStopAction(int value) {
        this.value = value;
    }

    /**
     * The AutomaticShutdownAction value.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * The action a host reports.
     *
     * @param value an AutomaticShutdownAction value
     * @return the action
     * @throws IllegalArgumentException for a value outside the documented 2..4
     */
    public static AutomaticStopAction of(long value) {
        for (AutomaticStopAction a : values()) if (a.value == value) return a;
        throw new IllegalArgumentException("AutomaticShutdownAction " + value + " is not 2 (Turn off), 3 (Save state) or 4 (Shutdown)");
    }
}
