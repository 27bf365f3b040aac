package io.hyperv4j.vm;

/**
 * What a VM does when its host starts (Set-VM -AutomaticStartAction;
 * Msvm_VirtualSystemSettingData.AutomaticStartupAction).
 */
public enum AutomaticStartAction {
    /** 2 None: stays off. */
    NOTHING(2),
    /** 3 Restart if previously active: starts if it was running when the host stopped (New-VM's default). */
    START_IF_RUNNING(3),
    /** 4 Always start. */
    START(4);

    private final int value;

    AutomaticStartAction(int value) {
        this.value = value;
    }

    /**
     * The AutomaticStartupAction value.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * The action a host reports.
     *
     * @param value an AutomaticStartupAction value
     * @return the action
     * @throws IllegalArgumentException for a value outside the documented 2..4
     */
    public static AutomaticStartAction of(long value) {
        for (AutomaticStartAction a : values()) if (a.value == value) return a;
        throw new IllegalArgumentException("AutomaticStartupAction " + value + " is not 2 (None), 3 (Restart if previously active) or 4 (Always start)");
    }
}
