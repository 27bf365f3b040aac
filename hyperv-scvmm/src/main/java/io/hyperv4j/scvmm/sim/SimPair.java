package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Fabric;
import java.time.Instant;

/**
 * A volume pair: a primary LU and a secondary of equal size. Its copies (the initial copy, a
 * resync's differences) are flows on the lab's fabric over both LUs' links at the array's pair copy
 * rate, sharing them with other I/O there: the pair is Copying or Resync until the copy's bytes are
 * through, then Paired.
 */
public final class SimPair {
    final String name;
    final int primary;
    final int secondary;
    PairState state;
    /** When the running copy (COPYING, RESYNC) ends at its rate now; when the last one ended otherwise. */
    Instant copyEnds;
    /** Bytes of the running or last copy (the pages it moves). */
    long copyBytes;
    /** The running copy's flow; null when none runs (or a lab saved before copies were flows goes on by {@link #copyEnds}). */
    Fabric.Flow flow;
    /** The rate a copy read from a lab file had at the save, until it is taken up again; -1 when none. */
    double resumeRate = -1;

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

    /** The state at {@code now}: a copy runs until its bytes are through; one with no flow (an old lab file's) until its time. */
    public PairState state(Instant now) {
        if ((state == PairState.COPYING || state == PairState.RESYNC) && flow == null && resumeRate < 0 && !now.isBefore(copyEnds)) return PairState.PAIRED;
        return state;
    }

    /** When the running copy ends at its rate now (or when the last one ended). */
    public Instant copyEnds() { return copyEnds; }

    /** Bytes the running (or last) copy moves in all: the initial copy's written pages, a resync's differential pages. */
    public long copyBytes() { return copyBytes; }

    /** Bytes the running copy still has to move: 0 when none runs. */
    public long copyLeft() {
        return flow == null ? 0 : Math.max(0, Math.round(flow.spec().bytes() - flow.moved()));
    }

    /** The running copy's rate now, bytes a second: 0 when none runs. */
    public double copyRate() {
        return flow == null ? 0 : flow.rate();
    }
}
