package io.hyperv4j.vhd;

/** Allocation type of a virtual disk (Get-VHD's VhdType). */
public enum VhdType {
    FIXED, DYNAMIC, DIFFERENCING
}
