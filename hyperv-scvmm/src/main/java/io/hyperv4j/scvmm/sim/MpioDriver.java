package io.hyperv4j.scvmm.sim;

/** The host's path-failover software (seed 000, §2.2): which events a lost LU path logs (Table 6-1). */
public enum MpioDriver {
    /** Windows' own MPIO with the Microsoft DSM. */
    OS_BUNDLED,
    /** Hitachi Dynamic Link Manager with dynamic removal off. */
    HDLM,
    /** Hitachi Dynamic Link Manager with dynamic removal on. */
    HDLM_DYNAMIC_REMOVAL
}
