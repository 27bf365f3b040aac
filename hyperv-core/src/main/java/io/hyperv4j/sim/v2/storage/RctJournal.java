package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.vhd.ChangedRanges;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resilient change tracking of one VM's drives, as the simulator keeps it: for each drive a series
 * of moments, each named by a change tracking id ({@code rctX:<GUID>:<n>}), and the ranges the
 * guest wrote between consecutive moments ({@link ChangedRanges}, the engine's unit). A recovery
 * checkpoint marks a moment on every drive and freezes the drive's file at it; a reference point
 * keeps those ids. Changes since an id are the union of the ranges written after it: up to now for
 * a drive's live file, up to the freezing moment for a frozen one. Applying a checkpoint starts a
 * new series (old ids no longer resolve), as Hyper-V resets tracking when a disk's content is replaced.
 * <p>Thread-safety: guarded by the lab lock, like the rest of {@link VmStorage}.
 */
public final class RctJournal {
    private static final Pattern ID = Pattern.compile("rctX:([0-9A-Fa-f-]{36}):([0-9]{1,9})");

    private final String vmId;
    private final Map<String, DriveLog> drives = new LinkedHashMap<>();
    private final Map<Path, String> frozenAt = new LinkedHashMap<>();
    private final Map<String, RecoveryMark> recovery = new LinkedHashMap<>();
    private final Map<String, SimReferencePoint> referencePoints = new LinkedHashMap<>();

    /** What a recovery checkpoint recorded: its consistency level and, per drive id, the change tracking id of the moment. */
    public record RecoveryMark(String checkpointId, int consistencyLevel, Map<String, String> rctIds) {}

    /** One drive's series: its GUID and the ranges written after each moment (index = moment number). */
    static final class DriveLog {
        final String guid;
        int series;
        final List<ChangedRanges> epochs = new ArrayList<>();

        DriveLog(String guid) {
            this.guid = guid.toLowerCase(Locale.ROOT);
            epochs.add(new ChangedRanges());
        }

        String id(int moment) {
            return "rctX:" + guid + ":" + moment;
        }
    }

    RctJournal(String vmId) {
        this.vmId = vmId;
    }

    DriveLog log(String driveId) {
        return drives.computeIfAbsent(driveId, d -> new DriveLog(seriesGuid(d, 0)));
    }

    /** A series' GUID, derived from the VM, the drive and the series number: the same calls give the same ids. */
    private String seriesGuid(String driveId, int series) {
        return NameUuids.of(vmId + "\\" + driveId + "\\" + series).toString();
    }

    Map<String, DriveLog> logs() {
        return drives;
    }

    Map<Path, String> frozen() {
        return frozenAt;
    }

    /** The guest wrote {@code length} bytes at {@code offset} of a drive. */
    void written(String driveId, long offset, long length) {
        DriveLog log = log(driveId);
        log.epochs.get(log.epochs.size() - 1).add(offset, length);
    }

    /** Marks a moment on a drive whose file {@code frozen} stops changing at it; returns the moment's id. */
    String mark(String driveId, Path frozen) {
        DriveLog log = log(driveId);
        log.epochs.add(new ChangedRanges());
        String id = log.id(log.epochs.size() - 1);
        if (frozen != null) frozenAt.put(frozen, id);
        return id;
    }

    /** A drive's content was replaced (checkpoint applied): a new series, so earlier ids stop resolving. */
    void reset(String driveId) {
        DriveLog old = drives.get(driveId);
        int series = old == null ? 1 : old.series + 1;
        DriveLog log = new DriveLog(seriesGuid(driveId, series));
        log.series = series;
        drives.put(driveId, log);
    }

    void unfreeze(Path file) {
        frozenAt.remove(file);
    }

    void moved(Path from, Path to) {
        String id = frozenAt.remove(from);
        if (id != null) frozenAt.put(to, id);
    }

    /** The id of the moment {@code file} was frozen at, or null when it is not frozen. */
    public String frozenAt(Path file) {
        return frozenAt.get(file);
    }

    /**
     * The ranges of drive {@code driveId} written after moment {@code limitId}, up to {@code upTo}
     * (a moment id; null for now). Empty when an id does not belong to the drive's current series.
     */
    public Optional<ChangedRanges> since(String driveId, String limitId, String upTo) {
        DriveLog log = drives.get(driveId);
        if (log == null) return Optional.empty();
        int from = moment(log, limitId);
        int to = upTo == null ? log.epochs.size() : moment(log, upTo);
        if (from < 0 || to < 0 || from > to) return Optional.empty();
        ChangedRanges out = new ChangedRanges();
        for (int i = from; i < to && i < log.epochs.size(); i++) out.addAll(log.epochs.get(i));
        return Optional.of(out);
    }

    private static int moment(DriveLog log, String id) {
        Matcher m = id == null ? null : ID.matcher(id.trim());
        if (m == null || !m.matches() || !m.group(1).equalsIgnoreCase(log.guid)) return -1;
        int n = Integer.parseInt(m.group(2));
        return n < log.epochs.size() ? n : -1;
    }

    /** Whether {@code id} has the form of a change tracking id this simulator issues. */
    public static boolean wellFormed(String id) {
        return id != null && ID.matcher(id.trim()).matches();
    }

    void recovered(RecoveryMark mark) {
        recovery.put(mark.checkpointId().toUpperCase(Locale.ROOT), mark);
    }

    /** The recovery mark of a checkpoint, or null when it is not a recovery checkpoint. */
    public RecoveryMark recovery(String checkpointId) {
        return checkpointId == null ? null : recovery.get(checkpointId.toUpperCase(Locale.ROOT));
    }

    void forgetRecovery(String checkpointId) {
        recovery.remove(checkpointId.toUpperCase(Locale.ROOT));
    }

    Map<String, RecoveryMark> recoveryMarks() {
        return recovery;
    }

    /** Every reference point of the VM, oldest first. */
    public List<SimReferencePoint> referencePoints() {
        return List.copyOf(referencePoints.values());
    }

    /** The reference point with that id (case ignored), or null. */
    public SimReferencePoint referencePoint(String id) {
        return id == null ? null : referencePoints.get(id.toUpperCase(Locale.ROOT));
    }

    void add(SimReferencePoint rp) {
        referencePoints.put(rp.id().toUpperCase(Locale.ROOT), rp);
    }

    void remove(SimReferencePoint rp) {
        referencePoints.remove(rp.id().toUpperCase(Locale.ROOT));
    }

    /**
     * An RCT-based reference point: its GUID, consistency level (1 application, 2 crash), when its
     * checkpoint was taken, and per drive (in drive order) the disk settings id and the change
     * tracking id of that moment.
     */
    public record SimReferencePoint(String id, int consistencyLevel, Instant created, List<String> driveIds,
            List<String> rctIds) {
        public SimReferencePoint {
            driveIds = List.copyOf(driveIds);
            rctIds = List.copyOf(rctIds);
        }
    }
}
