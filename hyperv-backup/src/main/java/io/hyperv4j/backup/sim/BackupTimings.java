package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import java.time.Duration;

/**
 * How long backup jobs take, calibrated on seed 004's Tables 9-3, 10-3, 11-3 and 12-3 (4,000-user
 * load): a path's replica throughput is its measured volume over its measured time; an express
 * full or synchronisation costs a fixed overhead (what its measured time leaves after moving its
 * volume at that throughput) plus its volume at the throughput. So time grows with the data and
 * falls with the throughput beyond the calibration points. One place for the I/O costs.
 */
public final class BackupTimings {
    /** Seconds the CSV stays redirected during a hardware-pair backup: until the pair split (section 12.3, about a minute). */
    public static final Duration PAIR_SPLIT_AFTER = Duration.ofSeconds(60);
    /** Freeze to thaw: writers hold their I/O this long around the commit. */
    public static final Duration FREEZE_TO_THAW = Duration.ofSeconds(4);

    /** One measured job: its duration and the megabytes it moved. */
    record Point(Duration duration, double mb) {
        double mbPerSecond() {
            return mb / duration.toSeconds();
        }
    }

    /** A path's calibration: replica, express full, synchronisation (or null) and restore. */
    record Case(Point replica, Point expressFull, Point synchronization, Point restore) {
        double rate() {
            return replica.mbPerSecond();
        }

        double overheadSeconds(Point p) {
            return p.duration().toSeconds() - p.mb() / rate();
        }
    }

    static final Case NETWORK = new Case(p(135, 239_298), p(86, 7_503), null, p(43, 214_356));
    static final Case PAIR = new Case(p(45, 242_525), p(47, 5_495), null, p(51, 242_501));
    static final Case NETWORK_REDIRECTED = new Case(p(137, 161_371.00), p(74, 7_089.86), null, p(43, 214_356));
    static final Case PAIR_REDIRECTED = new Case(p(31, 164_357.94), p(22, 3_437.49), null, p(51, 242_501));
    static final Case GUEST = new Case(p(68, 84_582.06), p(8, 3_247.94), p(3, 1_840.69), p(23, 85_563.31));

    private BackupTimings() {
    }

    private static Point p(long minutes, double mb) {
        return new Point(Duration.ofMinutes(minutes), mb);
    }

    /** The calibration of a path, with or without other nodes' I/O redirected through the backing-up node. */
    static Case of(BackupPath path, boolean redirecting) {
        return switch (path) {
            case NETWORK -> redirecting ? NETWORK_REDIRECTED : NETWORK;
            case HARDWARE_PAIR, HARDWARE_PAIR_TRANSPORTABLE -> redirecting ? PAIR_REDIRECTED : PAIR;
            case GUEST_AGENT -> GUEST;
        };
    }

    /**
     * How long a job of {@code kind} moving {@code mb} takes.
     *
     * @param kind        replica, express full or synchronisation
     * @param path        how the data moves
     * @param redirecting whether other nodes' I/O goes through the backing-up node
     * @param mb          the megabytes moved
     * @return the duration, to the millisecond
     */
    public static Duration backup(BackupKind kind, BackupPath path, boolean redirecting, double mb) {
        Case c = of(path, redirecting);
        double seconds = switch (kind) {
            case REPLICA -> mb / c.rate();
            case EXPRESS_FULL -> c.overheadSeconds(c.expressFull()) + mb / c.rate();
            case SYNCHRONIZATION -> c.synchronization() == null ? c.overheadSeconds(c.expressFull()) + mb / c.rate()
                    : c.overheadSeconds(c.synchronization()) + mb / c.rate();
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * How long a restore of {@code mb} takes (no load, no redirection).
     *
     * @param path how the point was taken
     * @param mb   the megabytes restored
     * @return the duration
     */
    public static Duration restore(BackupPath path, double mb) {
        return Duration.ofMillis(Math.round(mb / of(path, false).restore().mbPerSecond() * 1000));
    }
}
