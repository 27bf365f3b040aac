package io.hyperv4j.vm;

/** What a virtual switch connects (Get-VMSwitch's SwitchType). */
public enum SwitchType {
    /** VMs on the host only. */
    PRIVATE,
    /** VMs and the host's management OS. */
    INTERNAL,
    /** VMs, the host and the physical network through one of the host's adapters. */
    EXTERNAL
}
