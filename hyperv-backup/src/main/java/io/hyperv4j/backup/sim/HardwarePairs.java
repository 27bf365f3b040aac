package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.BackupRefusedException;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanRefusedException;
import io.hyperv4j.scvmm.sim.SimArray;
import io.hyperv4j.scvmm.sim.SimPair;
import io.hyperv4j.sim.Lab;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the hardware VSS provider knows of the SAN: which volume pair of which array backs a
 * Cluster Shared Volume. The pairs themselves are the array's (the management module's
 * {@link SanLab}: Copying, Paired, Split, Resync, equal capacities); the provider splits a pair at
 * a shadow copy's commit and resyncs it when the backup has read the secondary. Runs under the lab lock.
 */
final class HardwarePairs {
    /** A CSV's pair: the array and the pair's name there. */
    record Binding(String array, String pair) {
    }

    private final Lab lab;
    private final Map<String, Binding> byDisk = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    HardwarePairs(Lab lab) {
        this.lab = lab;
    }

    /** Binds the CSV disk to an existing pair; refused (naming it) when the array or the pair is not there. */
    void bind(String csvDisk, String array, String pair) {
        if (csvDisk == null || csvDisk.isBlank()) throw refuse(BackupRefusal.INVALID_PARAMETER, "a pair is bound to a cluster disk; none was named");
        pairOf(array, pair);
        byDisk.put(csvDisk, new Binding(array, pair));
    }

    void unbind(String csvDisk) {
        byDisk.remove(csvDisk);
    }

    Map<String, Binding> bindings() {
        return byDisk;
    }

    /**
     * The pair a hardware shadow copy of {@code csvDisk} splits, checked as the provider checks it
     * before the snapshot set starts: bound, and Paired now (its secondary equal to the primary is the array's own rule).
     */
    Binding requireSplittable(String csvDisk, String vm) {
        Binding b = csvDisk == null ? null : byDisk.get(csvDisk);
        if (b == null)
            throw refuse(BackupRefusal.VOLUME_NOT_SUPPORTED_BY_PROVIDER, "the volume of " + vm + " ("
                    + (csvDisk == null ? "not a Cluster Shared Volume" : csvDisk) + ") has no secondary volume to split: no array pair backs it");
        SimPair p = pairOf(b.array(), b.pair());
        PairState st = p.state(lab.clock().now());
        if (st != PairState.PAIRED)
            throw refuse(BackupRefusal.VOLUME_NOT_SUPPORTED_BY_PROVIDER, "pair " + b.pair() + " of " + b.array() + " (the secondary of "
                    + csvDisk + ") is " + st + "; a hardware shadow copy needs it PAIRED"
                    + (st == PairState.COPYING || st == PairState.RESYNC ? " (its copy ends at " + p.copyEnds() + ")" : ""));
        return b;
    }

    /** Splits the pair: the secondary now holds the volume's point in time. */
    void split(Binding b) {
        SanLab.of(lab).split(b.array(), b.pair());
    }

    /**
     * The secondary LU's link on the lab's fabric, at the LU's throughput and IOPS (created when no
     * flow made it yet): a pair job's read of the split secondary crosses it, sharing the LU with the
     * pair's copies and any other I/O there.
     */
    String secondaryLink(Binding b) {
        return SanLab.of(lab).read(m -> {
            SimArray a = m.arrays().get(b.array());
            return m.luLink(a, a.pairs().get(b.pair()).secondary());
        });
    }

    /** Resyncs a split pair once the backup has read its secondary; nothing when it is not split. */
    void resync(Binding b) {
        try {
            if (SanLab.of(lab).pairState(b.array(), b.pair()) == PairState.SPLIT) SanLab.of(lab).resync(b.array(), b.pair());
        } catch (SanRefusedException e) { // the pool cannot take the copy: the pair stays split, the next pair backup is refused
            org.slf4j.LoggerFactory.getLogger(HardwarePairs.class).warn("could not resync pair {} of {}: {}", b.pair(), b.array(), e.getMessage());
        }
    }

    private SimPair pairOf(String array, String pair) {
        try {
            return SanLab.of(lab).read(m -> {
                SimArray a = m.arrays().get(array);
                if (a == null) throw refuse(BackupRefusal.NOT_FOUND, "the SAN has no array '" + array + "'; arrays: " + m.arrays().keySet());
                SimPair p = a.pairs().get(pair);
                if (p == null) throw refuse(BackupRefusal.NOT_FOUND, "array " + array + " has no pair '" + pair + "'; pairs: " + a.pairs().keySet());
                return p;
            });
        } catch (IllegalStateException e) {
            throw refuse(BackupRefusal.PROVIDER_NOT_REGISTERED, "the lab has no SAN simulator: " + e.getMessage());
        }
    }

    private static BackupRefusedException refuse(BackupRefusal why, String message) {
        return new BackupRefusedException(why, message);
    }
}
