package io.hyperv4j.scvmm.sim;

import java.time.Instant;

/**
 * A volume pair: a primary LU and a secondary of equal size. Copies run at the array's pair copy
 * rate; the state is read at a time, so a copy that has had its time is Paired.
 */
public final class SimPair {
    final String name;
    final int primary;
    final int secondary;
    PairState state;
    /** When the running copy (COPYING, RESYNC) ends. */
    Instant copyEnds;

    SimPair(String name, int primary, int secondary, PairState state, Instant copyEnds) {
        this.name = name;
        this.primary = primary;
        this.secondary = secondary;
        this.state = state;
        this.copyEnds = copyEnds;
    }

    public String name() { return name; }
    public int primary() { return primary; }
    public int secondary() { return secondary; }

    /** The state at {@code now}: a copy whose time has come is Paired. */
    public PairState state(Instant now) {
        if ((state == PairState.COPYING || state == PairState.RESYNC) && !now.isBefore(copyEnds)) return PairState.PAIRED;
        return state;
    }

    public Instant copyEnds() { return copyEnds; }
}
