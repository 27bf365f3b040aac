package io.hyperv4j.scvmm.sim;

/** A volume pair's state (ShadowImage's PAIR, COPY, PSUS and the resynchronising COPY). */
public enum PairState {
    /** The initial copy from the primary to the secondary is running. */
    COPYING,
    /** The secondary mirrors every write to the primary. */
    PAIRED,
    /** The halves are independent; writes to either are remembered as differences. */
    SPLIT,
    /** The differences since the split are being copied back from the primary. */
    RESYNC
}
