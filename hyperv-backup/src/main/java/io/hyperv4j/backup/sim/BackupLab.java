package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupEvent;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.BackupRefusedException;
import io.hyperv4j.backup.ProtectionGroup;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.cluster.sim.CsvBackups;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.SimGuest;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.ByteRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated data-protection server of a lab: protection groups, the backup store, the VSS
 * writers and providers, the hardware provider's volume pairs, and the backup jobs themselves.
 * A job walks VSS's phases on the lab clock (gather metadata, prepare, freeze, commit, thaw,
 * post-snapshot, backup complete; freeze to thaw within seconds), takes the shadow copy at commit
 * (the disks' bytes at that instant go to a staged point), holds the CSV in redirected access per
 * the host profile, and commits the point when it ends. Every change runs under the lab lock.
 */
public final class BackupLab {
    private static final Logger LOG = LoggerFactory.getLogger(BackupLab.class);
    private static final Duration LOCK = Duration.ofMinutes(1);
    static final String BACKUP_JOB = "dpm-backup";
    static final String RESTORE_JOB = "dpm-restore";
    /** Phases before the freeze (metadata, prepare): together with freeze to thaw, the pair split lands at about a minute. */
    /** Gathering writer metadata and preparing for backup, together. */
    static final Duration PREPARE = BackupTimings.PAIR_SPLIT_AFTER.minus(BackupTimings.FREEZE_TO_THAW);
    static final long MB = 1_000_000L;

    /**
     * The nominal data of a VM for the timing model (the paper's volumes); without one, the real bytes moved count.
     *
     * @param replicaMb         the MB a replica moves
     * @param expressFullMb     the MB an express full moves
     * @param synchronizationMb the MB an in-guest synchronisation moves
     * @param restoreMb         the MB a restore moves
     */
    public record DataProfile(double replicaMb, double expressFullMb, double synchronizationMb, double restoreMb) {
    }

    /**
     * A CSV redirection change, for tests and the CLI.
     *
     * @param at          when
     * @param volume      the CSV's path
     * @param redirected  whether other nodes' I/O now goes through {@code throughNode}
     * @param throughNode the node that backs up (the CSV's owner)
     */
    public record RedirectChange(Instant at, String volume, boolean redirected, String throughNode) {
    }

    private final Lab lab;
    private BackupStore store;
    /** Temporary folders this lab used before it had a file: deleted when it closes. */
    private final List<Path> scratch = new ArrayList<>();
    /** The template's disk folder while it is temporary (moved beside the lab when it is first saved). */
    private Path templateDisks;
    final Vss vss = new Vss();
    final Restores restores;
    final WriterRestore writerRestore;
    final Map<String, Group> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Schedules schedules;
    final Map<String, List<Point>> points = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private final List<BackupEvent> events = new ArrayList<>();
    private final List<RedirectChange> redirects = new ArrayList<>();
    private final Map<String, DataProfile> profiles = new HashMap<>();
    private final Map<String, Integer> splits = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HardwarePairs pairs;
    final Transfers transfers;
    final VolumeLinks volumeLinks;
    private final Map<Path, Long> folderCapacity = new HashMap<>();
    private final Map<String, List<Vss.Phase>> phases = new HashMap<>();
    boolean hardwareProvider;
    double luck;
    int nextPoint = 1;

    static final class Group {
        final String name;
        final LocalTime time;
        final Duration retention;
        final List<String> members = new ArrayList<>();
        io.hyperv4j.backup.ProtectionSchedule schedule;

        Group(String name, LocalTime time, Duration retention) {
            this.name = name;
            this.time = time;
            this.retention = retention;
            this.schedule = io.hyperv4j.backup.ProtectionSchedule.daily(time);
        }
    }

    /**
     * A recovery point, where its replica was taken (an express full needs the VM still there), and the
     * change tracking id its shadow copy marked on each drive (drive id to id, in drive order): the
     * next express full copies what the VM's resilient change tracking says changed since.
     */
    record Point(RecoveryPoint info, List<Path> disks, String replicaHost, Map<String, String> rct) {
        /** The same point once the store moved from {@code from} to {@code to}. */
        Point movedTo(Path from, Path to) {
            java.util.function.UnaryOperator<Path> m = f -> f.startsWith(from) ? to.resolve(from.relativize(f)) : f;
            RecoveryPoint i = info;
            return new Point(new RecoveryPoint(i.id(), i.vm(), i.vmId(), i.kind(), i.path(), i.representedPointInTime(), i.transferredBytes(),
                    i.files().stream().map(m).toList(), i.clusterResource()), disks.stream().map(m).toList(), replicaHost, rct);
        }
    }

    private static final class Running {
        final String jobId, vmId, vmName, pointId, host;
        final BackupKind kind;
        final BackupPath path;
        final Optional<CsvBackups.Volume> volume;
        final boolean redirecting;
        final boolean clusteredAtStart;
        final Instant started;
        PowerState frozenState;
        /** Whether the Hyper-V writer backed the VM up online (child partition snapshot) at the freeze, not through its saved state. */
        boolean online = true;
        java.util.UUID shadowId;
        HardwarePairs.Binding pair;
        double mb;
        Duration total;
        CsvSnapshots csvMode = CsvSnapshots.UNTOUCHED;
        final List<io.hyperv4j.sim.SimActivity> redirectedIo = new ArrayList<>();
        Transfers.Transfer flow;
        /** An in-guest job's shadow copy inside the guest, published until its transfer starts. */
        io.hyperv4j.sim.SimActivity shadowCopy;
        boolean split;
        List<Path> staged = List.of();
        Map<String, String> rct = Map.of();
        long bytes;
        Instant committedAt;
        boolean succeeded;

        Running(String jobId, String vmId, String vmName, String host, String pointId, BackupKind kind, BackupPath path,
                Optional<CsvBackups.Volume> volume, boolean redirecting, boolean clustered, Instant started) {
            this.jobId = jobId;
            this.vmId = vmId;
            this.vmName = vmName;
            this.pointId = pointId;
            this.host = host;
            this.started = started;
            this.kind = kind;
            this.path = path;
            this.volume = volume;
            this.redirecting = redirecting;
            this.clusteredAtStart = clustered;
        }
    }

    BackupLab(Lab lab) {
        this.lab = lab;
        this.pairs = new HardwarePairs(lab);
        this.transfers = new Transfers(lab);
        this.volumeLinks = new VolumeLinks(lab);
        lab.onClose(this::deleteScratch);
        lab.jobs().register(BACKUP_JOB, new JobHandler() {
            @Override public void complete(Txn txn, SimJob job) { completed(txn, job); }
            @Override public void cancelled(Txn txn, SimJob job) { abort(txn, job.id(), "the job was cancelled"); }
        });
        this.restores = new Restores(this, lab);
        this.writerRestore = new WriterRestore(this, lab);
        this.schedules = new Schedules(this, lab);
        lab.jobs().register(RESTORE_JOB, restores);
    }

    /**
     * The lab's data-protection server (its simulator provider's).
     *
     * @param lab the lab
     * @return its server
     */
    public static BackupLab of(Lab lab) {
        for (io.hyperv4j.sim.SimProvider p : lab.providers().all())
            if (p instanceof BackupProvider b) return b.backup();
        throw new IllegalStateException("the data-protection simulator provider is not on the class path");
    }

    /**
     * The store: beside the lab's file ({@code NAME.backup}) for a lab kept on disk, so it lives as long as
     * the lab; otherwise a temporary folder deleted when the lab closes.
     */
    synchronized BackupStore store() {
        if (store == null) {
            Path file = lab.file();
            try {
                if (file != null) {
                    store = new BackupStore(Files.createDirectories(file.resolveSibling(file.getFileName() + ".backup")));
                } else {
                    store = new BackupStore(scratch(Files.createTempDirectory("hyperv4j-backup-store")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the backup store", e);
            }
        }
        return store;
    }

    private Path scratch(Path dir) {
        synchronized (scratch) {
            scratch.add(dir);
        }
        return dir;
    }

    /** Deletes the temporary folders, except one a saved lab still names (it could not move yet). */
    private synchronized void deleteScratch() {
        for (Path dir : scratch) {
            boolean named = lab.file() != null && (store != null && dir.equals(store.root()) || dir.equals(templateDisks));
            if (named) LOG.warn("{} stays: the saved lab {} still names it", dir, lab.file());
            else BackupStore.deleteTree(dir);
        }
    }

    /** The template made its VMs' disks in {@code dir}, a temporary folder: it goes when the lab closes, the disks beside the lab once saved. */
    void templateDisks(Path dir) {
        templateDisks = scratch(dir);
    }

    /**
     * After the lab was saved to a file: what still lives in temporary folders (the store, the
     * template's disks) is copied beside it ({@code NAME.backup/}, {@code NAME.disks/}) and the model
     * points there; the temporary copies go when the lab closes (the file saved before this still
     * names them). Returns whether the model changed (the lab is saved again).
     */
    synchronized boolean afterSave() {
        Path file = lab.file();
        if (file == null) return false;
        return write(txn -> {
            if (!running.isEmpty()) return false; // a running job stages into the store: move it at a later save
            boolean changed = false;
            if (store != null && scratch.contains(store.root())) {
                Path to = file.resolveSibling(file.getFileName() + ".backup");
                BackupStore.copyTree(store.root(), to);
                Path from = store.root();
                points.replaceAll((vm, list) -> list.stream().map(p -> p.movedTo(from, to)).collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
                store = new BackupStore(to);
                changed = true;
            }
            if (templateDisks != null) changed |= moveTemplateDisks(txn, file.resolveSibling(file.getFileName() + ".disks"));
            return changed;
        });
    }

    /** Moves the template's disks beside the lab, when the VMs still use just those files (no checkpoint made children of them yet). */
    private boolean moveTemplateDisks(Txn txn, Path to) {
        Path from = templateDisks;
        List<Path> present;
        try (var s = Files.list(from)) {
            present = s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + from, e);
        }
        Map<SimDrive, VmStorage> drives = new java.util.LinkedHashMap<>();
        for (VmStorage st : StorageModel.of(lab).vms())
            for (SimDrive d : st.drives()) if (d.current() != null && d.current().startsWith(from)) drives.put(d, st);
        if (drives.size() != present.size() || StorageModel.of(lab).vms().stream().anyMatch(st -> !st.checkpoints().isEmpty()
                && st.files().stream().anyMatch(f -> f.startsWith(from)))) {
            LOG.info("the template's disks in {} stay there: checkpoints were made of them", from);
            return false;
        }
        BackupStore.copyTree(from, to);
        drives.forEach((d, st) -> {
            Path moved = to.resolve(from.relativize(d.current()));
            st.eject(d.id());
            st.insert(d.id(), moved);
            StorageModel.of(lab).given(st.vmId(), moved);
            SimVm vm = lab.vm(st.vmId());
            if (vm != null) txn.touch(vm);
        });
        templateDisks = null;
        return true;
    }

    /**
     * The lab.
     *
     * @return the lab this server belongs to
     */
    public Lab lab() {
        return lab;
    }

    /**
     * The store's root folder.
     *
     * @return the folder holding every VM's recovery points
     */
    public Path storeRoot() {
        return store().root();
    }

    // ------------------------------------------------------------------ set-up

    /**
     * Installs (or removes) the Hitachi VSS hardware provider.
     *
     * @param installed whether it is installed
     * @return this
     */
    public BackupLab hardwareProvider(boolean installed) {
        change(txn -> hardwareProvider = installed);
        return this;
    }

    /**
     * The SAN volume pair (a ShadowImage pair of the lab's array) whose primary holds a CSV disk: what
     * the hardware provider splits at a shadow copy's commit and resyncs after the backup.
     *
     * @param csvDisk the cluster disk, e.g. "Cluster Disk 1"
     * @param array   the array's name in the lab's SAN
     * @param pair    the pair's name on that array
     * @return this
     * @throws BackupRefusedException (NOT_FOUND) when the array or the pair does not exist
     */
    public BackupLab pair(String csvDisk, String array, String pair) {
        change(txn -> pairs.bind(csvDisk, array, pair));
        return this;
    }

    /**
     * Removes a CSV disk's pair: the hardware provider has no secondary to split for it.
     *
     * @param csvDisk the cluster disk
     * @return this
     */
    public BackupLab unpair(String csvDisk) {
        change(txn -> pairs.unbind(csvDisk));
        return this;
    }

    /**
     * The VM's nominal data (the paper's volumes) for the timing model.
     *
     * @param vm      the VM's name or id
     * @param profile its data
     * @return this
     */
    public BackupLab profile(String vm, DataProfile profile) {
        change(txn -> profiles.put(requireVm(vm).id().toUpperCase(Locale.ROOT), profile));
        return this;
    }

    /**
     * The chance a VM operation inside the snapshot window leaves the job succeeding (0: always fails, the default).
     *
     * @param chance a probability in [0, 1]
     * @return this
     * @throws IllegalArgumentException when {@code chance} is outside [0, 1]
     */
    public BackupLab luck(double chance) {
        if (chance < 0 || chance > 1) throw new IllegalArgumentException("luck is a probability in [0, 1], not " + chance);
        change(txn -> luck = chance);
        return this;
    }

    /**
     * A folder's capacity as the restore sees it (a small volume); without one, the file system's free space.
     *
     * @param folder the folder
     * @param bytes  the bytes it can take
     * @return this
     */
    public BackupLab folderCapacity(Path folder, long bytes) {
        change(txn -> folderCapacity.put(folder.toAbsolutePath().normalize(), bytes));
        return this;
    }

    /**
     * Runs an application writer (Exchange's) in the VM's guest.
     *
     * @param vm        the VM's name or id
     * @param component the writer's component, e.g. a mail database
     * @return this
     */
    public BackupLab applicationWriter(String vm, String component) {
        change(txn -> {
            SimVm v = requireVm(vm);
            vss.guestWriters.put(v.id(), new Vss.GuestWriter(v.id(), v.name(), v.host().name(), Vss.EXCHANGE_WRITER,
                    Vss.EXCHANGE_WRITER_ID, component));
        });
        return this;
    }

    // ------------------------------------------------------------------ the guest

    /**
     * The guest writes {@code data} at {@code offset} of its disk {@code drive}; the VM's resilient change tracking records it.
     *
     * @param vm     the VM's name or id
     * @param drive  the disk, as the guest numbers them (0 first)
     * @param offset the byte offset
     * @param data   the bytes
     */
    public void guestWrite(String vm, int drive, long offset, byte[] data) {
        change(txn -> {
            SimVm v = requireVm(vm);
            SimGuest.of(lab, v.id()).write(drive, offset, data);
        });
    }

    /**
     * What a backup application restoring through VSS does between the requester's PreRestore and
     * PostRestore: puts recovery point {@code pointId}'s files back into the VM's drives (the Hyper-V
     * writer must have prepared the VM; its PostRestore then takes the point's configuration).
     *
     * @param vm      the VM's name or id
     * @param pointId the recovery point
     * @throws io.hyperv4j.backup.BackupRefusedException when the point does not exist or is damaged
     * @throws IllegalStateException when the writer has not prepared the VM (no PreRestore yet)
     * @throws io.hyperv4j.backup.vss.VssException when the writer refuses the point's files: they are not the
     *         point whose Backup Components Document the restore was initialised with (nothing is written;
     *         the writer's PostRestore then fails too)
     */
    public void putBack(String vm, String pointId) {
        change(txn -> {
            Protected v = requireProtected(vm);
            try {
                writerRestore.putBack(txn, v.id(), restores.restorable(v, pointId));
            } catch (WriterRestore.WriterFailure e) {
                throw new io.hyperv4j.backup.vss.VssException(e.getMessage(), e.error, e.error.hresult());
            }
        });
    }

    /** Whether a backup job of the VM is running. */
    boolean isBackingUp(String vmId) {
        return running.containsKey(vmId.toUpperCase(Locale.ROOT));
    }

    /**
     * A deterministic workload: {@code writes} writes of 1..maxLength bytes below {@code span}, drawn from {@code seed}.
     *
     * @param vm        the VM's name or id
     * @param drive     the disk
     * @param seed      the random seed
     * @param writes    how many writes
     * @param maxLength the longest write
     * @param span      the bytes the writes fall within
     */
    public void workload(String vm, int drive, long seed, int writes, int maxLength, long span) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < writes; i++) {
            int len = 1 + r.nextInt(maxLength);
            long off = r.nextLong(Math.max(1, span - len));
            byte[] data = new byte[len];
            r.nextBytes(data);
            guestWrite(vm, drive, off, data);
        }
    }

    /**
     * What the VM's disk {@code drive} holds now, whole.
     *
     * @param vm    the VM's name or id
     * @param drive the disk
     * @return its bytes
     */
    public byte[] diskBytes(String vm, int drive) {
        return lab.read(LOCK, () -> {
            SimVm v = requireVm(vm);
            Path f = disks(v).get(drive);
            return readAll(f);
        });
    }

    static byte[] readAll(Path disk) {
        try (var d = io.hyperv4j.vhd.VirtualDisks.open(disk, io.hyperv4j.vhd.OpenMode.READ_ONLY)) {
            if (d.size() > Integer.MAX_VALUE) throw new IllegalArgumentException(disk + " is too big to read whole");
            byte[] out = new byte[(int) d.size()];
            d.read(0, out, 0, out.length);
            return out;
        }
    }

    /**
     * Deletes the VM's role from the cluster, as the cluster console does.
     *
     * @param vm the VM's name or id
     */
    public void deleteClusterRole(String vm) {
        change(txn -> CsvBackups.deleteRole(txn, lab, requireVm(vm).id()));
    }

    /**
     * How often the hardware provider split the CSV disk's pair (once per pair backup, at commit).
     *
     * @param csvDisk the cluster disk
     * @return the splits so far
     */
    public int pairSplits(String csvDisk) {
        return lab.read(LOCK, () -> splits.getOrDefault(csvDisk, 0));
    }

    /**
     * Every CSV redirection change so far.
     *
     * @return the changes, oldest first
     */
    public List<RedirectChange> redirects() {
        return lab.read(LOCK, () -> List.copyOf(redirects));
    }

    /**
     * The VSS phases the job went through, in order.
     *
     * @param jobId the backup job's id
     * @return the phases' names (GATHER_WRITER_METADATA ... BACKUP_COMPLETE, or ABORT)
     */
    public List<String> phases(String jobId) {
        return lab.read(LOCK, () -> phases.getOrDefault(jobId.toUpperCase(Locale.ROOT), List.of()).stream().map(Enum::name).toList());
    }

    // ------------------------------------------------------------------ groups and points

    ProtectionGroup createGroup(String name, LocalTime time, Duration retention) {
        if (name == null || name.isBlank()) throw refuse(BackupRefusal.INVALID_PARAMETER, "a protection group needs a name");
        if (retention == null || retention.isNegative() || retention.isZero())
            throw refuse(BackupRefusal.INVALID_PARAMETER, "the retention range of '" + name + "' must be positive, not " + retention);
        return write(txn -> {
            if (groups.containsKey(name)) throw refuse(BackupRefusal.INVALID_PARAMETER, "a protection group named '" + name + "' exists");
            Group g = new Group(name, time, retention);
            groups.put(name, g);
            schedules.arm(g);
            return info(g);
        });
    }

    ProtectionGroup addMember(String group, String vm) {
        return write(txn -> {
            Group g = groups.get(group);
            if (g == null) throw refuse(BackupRefusal.NOT_FOUND, "no protection group '" + group + "'; groups: " + groups.keySet());
            SimVm v = requireVm(vm);
            for (Group other : groups.values())
                if (other.members.contains(v.id()))
                    throw refuse(BackupRefusal.INVALID_PARAMETER, v.name() + " is already protected by group '" + other.name + "'");
            g.members.add(v.id());
            return info(g);
        });
    }

    List<ProtectionGroup> groups() {
        return lab.read(LOCK, () -> groups.values().stream().map(this::info).toList());
    }

    ProtectionGroup info(Group g) {
        List<String> names = new ArrayList<>();
        for (String id : g.members) {
            SimVm v = lab.vm(id);
            names.add(v == null ? id : v.name());
        }
        return new ProtectionGroup(g.name, names, g.time, g.retention, g.schedule);
    }

    /**
     * Retention: deletes the VM's points taken before {@code cutoff}, oldest first, always keeping the
     * newest; a point the next (an express full) builds on is folded into it, so no kept point loses data.
     */
    void expire(String vmId, Instant cutoff) {
        List<Point> list = pointsOf(vmId);
        while (list.size() > 1 && list.get(0).info().representedPointInTime().isBefore(cutoff)) {
            Point old = list.get(0), next = list.get(1);
            String vm = old.info().vm();
            if (running.containsKey(vmId.toUpperCase(Locale.ROOT))) return; // a running express full builds on the newest: wait
            if (next.info().kind() == BackupKind.REPLICA) {
                store().delete(vm, old.info().id(), old.disks().size());
            } else {
                Point after = list.size() > 2 && list.get(2).info().kind() != BackupKind.REPLICA ? list.get(2) : null;
                store().fold(vm, old.info().id(), next.info().id(), after == null ? null : after.info().id(), next.disks().size());
            }
            list.remove(0);
            LOG.info("recovery point {} of {} expired (taken {}, retention cutoff {})", old.info().id(), vm, old.info().representedPointInTime(), cutoff);
        }
    }

    List<RecoveryPoint> recoveryPoints(String vm) {
        return lab.read(LOCK, () -> pointsOf(requireProtected(vm).id()).stream().map(Point::info).toList());
    }

    List<Point> pointsOf(String vmId) {
        return points.computeIfAbsent(vmId.toUpperCase(Locale.ROOT), k -> new ArrayList<>());
    }

    List<BackupEvent> events() {
        return lab.read(LOCK, () -> List.copyOf(events));
    }

    List<VssSnapshot> shadowCopies() {
        return lab.read(LOCK, () -> List.copyOf(vss.shadows.values()));
    }

    boolean hasHardwareProvider() {
        return lab.read(LOCK, () -> hardwareProvider);
    }

    /** The Hyper-V writer's components per host: one per VM, online when the guest can quiesce. */
    Map<String, List<HyperVWriter.VmComponent>> hyperVComponents() {
        return lab.read(LOCK, () -> {
            Map<String, List<HyperVWriter.VmComponent>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (SimHost h : lab.hosts()) {
                List<HyperVWriter.VmComponent> comps = new ArrayList<>();
                for (SimVm v : h.vms())
                    comps.add(new HyperVWriter.VmComponent(v.id(), v.name(), online(v) ? HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT
                            : HyperVWriter.BackupMethod.SAVED_STATE, null));
                out.put(h.name(), comps);
            }
            return out;
        });
    }

    /** A running VM whose integration services can quiesce the guest is backed up online; any other through its saved state. */
    private boolean online(SimVm v) {
        VmStorage st = StorageModel.of(lab).find(v.id());
        return v.state() == PowerState.RUNNING && (st == null || st.guestCanQuiesce());
    }

    // ------------------------------------------------------------------ backup jobs

    SimJob startBackup(String serverHost, String vm, BackupKind kind, BackupPath path) {
        return write(txn -> {
            SimVm v = requireVm(vm);
            String key = v.id().toUpperCase(Locale.ROOT);
            if (groups.values().stream().noneMatch(g -> g.members.contains(v.id())))
                throw refuse(BackupRefusal.NOT_PROTECTED, v.name() + " is not a member of any protection group; add it to one first (DataProtection.addMember, as Add-DPMChildDatasource)");
            if (running.containsKey(key))
                throw refuse(BackupRefusal.SNAPSHOT_SET_IN_PROGRESS, "a backup of " + v.name() + " is already running (job " + running.get(key).jobId + ")");
            List<Point> prior = pointsOf(v.id());
            if (kind != BackupKind.REPLICA) {
                if (prior.isEmpty())
                    throw refuse(BackupRefusal.REPLICA_INCONSISTENT, v.name() + " has no replica yet: a " + kind + " needs one; run a REPLICA first");
                String replicaHost = prior.get(prior.size() - 1).replicaHost();
                if (!replicaHost.equalsIgnoreCase(v.host().name()))
                    throw refuse(BackupRefusal.REPLICA_INCONSISTENT, "the replica of " + v.name() + " was taken on " + replicaHost
                            + " and the VM has moved to " + v.host().name() + "; re-establish protection with a new REPLICA");
            }
            if (kind == BackupKind.SYNCHRONIZATION && path != BackupPath.GUEST_AGENT)
                throw refuse(BackupRefusal.INVALID_PARAMETER, "synchronisation is for an in-guest application database: use GUEST_AGENT");
            Optional<CsvBackups.Volume> volume = path == BackupPath.GUEST_AGENT ? Optional.empty() : CsvBackups.volumeOf(lab, v.id());
            if (path == BackupPath.HARDWARE_PAIR_TRANSPORTABLE)
                throw refuse(BackupRefusal.UNSUPPORTED_CONTEXT, "transportable hardware shadow copies are not supported for VM backup"
                        + " (Data Protection Manager 2010 supports only non-transportable); use HARDWARE_PAIR");
            if (path == BackupPath.HARDWARE_PAIR) {
                if (!hardwareProvider)
                    throw refuse(BackupRefusal.PROVIDER_NOT_REGISTERED, "no VSS hardware provider is installed on " + v.host().name()
                            + "; a pair backup needs the Hitachi VSS Hardware Provider");
                pairs.requireSplittable(volume.map(CsvBackups.Volume::disk).orElse(null), v.name());
            }
            List<Path> files = disks(v);
            if (files.isEmpty()) throw refuse(BackupRefusal.INVALID_PARAMETER, v.name() + " has no virtual hard disk to back up");
            CsvSnapshots csvMode = volume.map(x -> CsvSnapshots.of(CsvBackups.profile(lab, x))).orElse(CsvSnapshots.UNTOUCHED);
            boolean redirecting = csvMode == CsvSnapshots.PINNED && redirectsOthers(volume.get(), v.host().name());
            double mb = nominal(v, kind, files, prior);
            Duration total = BackupTimings.backup(kind, path, redirecting, mb);
            if (total.compareTo(BackupTimings.PAIR_SPLIT_AFTER.plusSeconds(10)) < 0) total = BackupTimings.PAIR_SPLIT_AFTER.plusSeconds(10);
            String pointId = String.format(Locale.ROOT, "RP%04d", nextPoint++);
            SimJob job = lab.jobs().submit(txn, lab.host(serverHost), new SimJob.JobSpec(BACKUP_JOB, 32768 + 1,
                    kind + " of " + v.name(), kind + " of " + v.name() + " over " + path, false, v.id(), total,
                    Map.of("point", pointId, "mb", Double.toString(mb))));
            Running r = new Running(job.id(), v.id(), v.name(), v.host().name(), pointId, kind, path, volume, redirecting,
                    CsvBackups.clustered(lab, v.id()), txn.now());
            if (path == BackupPath.HARDWARE_PAIR) r.pair = pairs.requireSplittable(volume.orElseThrow().disk(), v.name());
            r.mb = mb;
            r.csvMode = csvMode;
            r.total = total;
            running.put(key, r);
            phase(r, Vss.Phase.GATHER_WRITER_METADATA);
            phase(r, Vss.Phase.PREPARE_FOR_BACKUP);
            csv(txn, r, true, redirecting);
            arm(r);
            shadowCopy(txn, r);
            LOG.info("{} of {} started over {} as job {} ({} MB, {})", kind, v.name(), path, job.id(), mb, total);
            return job;
        });
    }

    /**
     * An in-guest job is the guest's from its start: its agent's VSS prepares and takes the shadow
     * copy inside the guest (nothing read or sent yet), published until the thaw starts the transfer,
     * so what follows the job (the counters, the clients' latency) sees it from its first minute. A
     * host-level job's first minute shows as its CSV's redirection (or as nothing, on its host).
     */
    private void shadowCopy(Txn txn, Running r) {
        Instant thaw = r.started.plus(PREPARE).plus(BackupTimings.FREEZE_TO_THAW);
        if (r.path != BackupPath.GUEST_AGENT || !thaw.isAfter(txn.now())) return;
        r.shadowCopy = lab.activities().publish(io.hyperv4j.sim.SimActivity.BACKUP + r.kind + "/" + r.path + io.hyperv4j.sim.SimActivity.BACKUP_SHADOW_COPY,
                r.vmId, r.host, Transfers.SERVER, transfers.network, 0, txn.now(), thaw);
    }

    /** Schedules the job's phases that have not happened yet (all of them for a new job; after a load, those left). */
    private void arm(Running r) {
        List<Vss.Phase> done = phases.getOrDefault(r.jobId.toUpperCase(Locale.ROOT), List.of());
        if (!done.contains(Vss.Phase.FREEZE)) lab.clock().scheduleAt(r.started.plus(PREPARE), at -> change(t -> freeze(t, r)));
        if (!done.contains(Vss.Phase.COMMIT))
            lab.clock().scheduleAt(r.started.plus(PREPARE).plus(BackupTimings.FREEZE_TO_THAW.dividedBy(2)), at -> change(t -> commit(t, r)));
        if (!done.contains(Vss.Phase.THAW)) lab.clock().scheduleAt(r.started.plus(PREPARE).plus(BackupTimings.FREEZE_TO_THAW), at -> change(t -> thaw(t, r)));
    }

    /**
     * What a restore of {@code p} moves: a profiled VM's measured restore volume (Table 9-3's restore
     * moved 214,356 MB of a 239,298 MB replica); otherwise the data of the point's chain, its replica
     * and every point after it up to {@code p} (a restore rebuilds the whole disk, not one increment).
     */
    double restoreMb(String vmId, Point p) {
        DataProfile prof = profiles.get(vmId.toUpperCase(Locale.ROOT));
        if (prof != null && prof.restoreMb() > 0) return prof.restoreMb();
        List<Point> pts = pointsOf(vmId);
        long bytes = 0;
        for (int k = pts.indexOf(p); k >= 0; k--) {
            bytes += pts.get(k).info().transferredBytes();
            if (pts.get(k).info().kind() == BackupKind.REPLICA) break;
        }
        return Math.max(bytes, 1) / (double) MB;
    }

    private double nominal(SimVm v, BackupKind kind, List<Path> files, List<Point> prior) {
        DataProfile p = profiles.get(v.id().toUpperCase(Locale.ROOT));
        if (p != null) return switch (kind) {
            case REPLICA -> p.replicaMb();
            case EXPRESS_FULL -> p.expressFullMb();
            case SYNCHRONIZATION -> p.synchronizationMb();
        };
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            if (kind == BackupKind.REPLICA) bytes += sizeOnDisk(files.get(i));
            else for (ByteRange r : changedSince(v, i, prior.get(prior.size() - 1))) bytes += r.length();
        }
        return (double) bytes / MB;
    }

    private static long sizeOnDisk(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + f, e);
        }
    }

    /** 2008 R2: a host-level snapshot from node N redirects the other nodes' I/O to the CSV through N, unless only N runs VMs on it. */
    private boolean redirectsOthers(CsvBackups.Volume v, String node) {
        for (String n : CsvBackups.nodesUsing(lab, v)) if (!n.equalsIgnoreCase(node)) return true;
        return false;
    }

    /**
     * The volume's backup state and redirected access, as the cluster's version does it: 2008 R2
     * pins the volume to the backing-up node, later versions leave the coordinator where it is, and
     * 2016 on does not touch the volume at all.
     */
    private void csv(Txn txn, Running r, boolean inProgress, boolean redirect) {
        if (r.volume.isEmpty() || r.csvMode == CsvSnapshots.UNTOUCHED) return;
        CsvBackups.Volume v = r.volume.get();
        boolean pinned = r.csvMode == CsvSnapshots.PINNED;
        boolean was = CsvBackups.redirected(lab, v);
        CsvBackups.backup(txn, lab, v, pinned ? r.host : null, inProgress, redirect);
        if (was == redirect) return;
        String through = pinned ? r.host : v.owner();
        redirects.add(new RedirectChange(txn.now(), v.disk(), redirect, through));
        r.redirectedIo.forEach(a -> lab.activities().end(a.id(), txn.now()));
        r.redirectedIo.clear();
        if (redirect) // each other node's I/O to the volume crosses the network to the node it goes through, for as long as this lasts
            for (String node : CsvBackups.nodesUsing(lab, v))
                if (!node.equalsIgnoreCase(through))
                    redirectIo(txn, r, through, node);
    }

    /** The node's I/O to the job's volume crosses the network to {@code through} until the redirection ends. */
    private void redirectIo(Txn txn, Running r, String through, String node) {
        r.redirectedIo.add(lab.activities().publish(io.hyperv4j.sim.SimActivity.CSV_REDIRECTED, null, through, node, null, 0,
                txn.now(), txn.now().plus(Duration.ofDays(365))));
    }

    /** The job's volume as it was when the job started (saved with it: the cluster's provider may load after this one). */
    private static Optional<CsvBackups.Volume> volume(com.fasterxml.jackson.databind.JsonNode saved) {
        if (!saved.isArray()) return Optional.empty();
        return Optional.of(new CsvBackups.Volume(saved.get(0).asText(), saved.get(1).asText(), saved.get(2).asText(),
                saved.get(3).isNull() ? null : saved.get(3).asText()));
    }

    /** After a load: the other nodes' redirected I/O the job caused and its transfer's bytes not yet through, on the fabric again. */
    private void resume(Txn txn, Running r, com.fasterxml.jackson.databind.JsonNode saved) {
        if (!isRunning(r)) return;
        for (var x : saved.path("redirectedIo")) redirectIo(txn, r, x.get(0).asText(), x.get(1).asText());
        shadowCopy(txn, r);
        readsFrom(r); // the storage links, for the read's bytes left
        if (saved.has("transfer")) r.flow = transfers.resume(r.jobId, r.vmId, r.host, saved.get("transfer"), txn.now());
    }

    private void freeze(Txn txn, Running r) {
        if (!isRunning(r)) return;
        SimVm v = lab.vm(r.vmId);
        r.frozenState = v == null ? null : v.state();
        r.online = v != null && online(v);
        phase(r, Vss.Phase.FREEZE);
        if (r.csvMode == CsvSnapshots.SNAPSHOT_ONLY) csv(txn, r, true, true); // file-system redirection while the CSV snapshot is taken
    }

    /** The shadow copy: the disks' bytes now go to the staged point; a hardware provider splits the pair. */
    private void commit(Txn txn, Running r) {
        if (!isRunning(r)) return;
        SimVm v = lab.vm(r.vmId);
        if (v == null) {
            fail(txn, r, 30111, "the VM is gone");
            return;
        }
        phase(r, Vss.Phase.COMMIT);
        List<Path> files = disks(v);
        String config = config(v, drives(v));
        try {
            if (r.kind == BackupKind.REPLICA) {
                r.staged = store().stageFull(r.vmName, r.pointId, files, config);
                for (Path f : files) r.bytes += sizeOnDisk(f);
            } else {
                List<Point> prior = pointsOf(v.id());
                Point last = prior.get(prior.size() - 1);
                List<List<ByteRange>> changed = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) changed.add(changedSince(v, i, last));
                r.bytes = store().stageIncremental(r.vmName, r.pointId, files, last.disks(), changed, config);
                r.staged = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) r.staged.add(Path.of("disk" + i + ".vhdx"));
            }
        } catch (RuntimeException e) {
            LOG.warn("the shadow copy of {} failed", r.vmName, e);
            fail(txn, r, 30111, "the shadow copy could not be read: " + e.getMessage());
            return;
        }
        r.rct = StorageModel.of(lab).vm(v.id()).markChanges();
        r.committedAt = txn.now();
        boolean hardware = r.path == BackupPath.HARDWARE_PAIR;
        if (hardware) {
            try {
                pairs.split(r.pair);
            } catch (RuntimeException e) { // the pair left Paired since the job started (someone split it)
                fail(txn, r, 30111, "the hardware provider could not split pair " + r.pair.pair() + ": " + e.getMessage());
                return;
            }
            r.split = true;
            splits.merge(r.volume.orElseThrow().disk(), 1, Integer::sum);
        }
        r.shadowId = Vss.guid(lab.random().nextGuid());
        vss.shadows.put(r.shadowId, new VssSnapshot(r.shadowId, Vss.guid(r.jobId), r.volume.map(CsvBackups.Volume::path).orElse("C:\\"),
                vss.nextDevice(), (hardware ? Vss.HITACHI : Vss.SOFTWARE).providerId(), hardware ? Vss.HARDWARE_ASSISTED : Vss.DIFFERENTIAL, txn.now()));
    }

    private void thaw(Txn txn, Running r) {
        if (!isRunning(r)) return;
        phase(r, Vss.Phase.THAW);
        SimVm v = lab.vm(r.vmId);
        if (v != null && r.frozenState != null && (v.state() != r.frozenState || !v.host().name().equalsIgnoreCase(r.host))) {
            event(txn, 10009, "Microsoft-Windows-Hyper-V-VMMS", r.vmName, "Could not communicate with " + r.vmName
                    + " using any of the configured protocols (the VM went from " + r.frozenState + " to " + v.state()
                    + (v.host().name().equalsIgnoreCase(r.host) ? "" : " and moved to " + v.host().name()) + " during the snapshot)");
            if (lab.random().nextDouble() >= luck) {
                boolean retryable = lab.random().nextDouble() < 0.5;
                fail(txn, r, retryable ? 30112 : 30111, retryable
                        ? "A retryable VSS error occurred: the VSS writer experienced a transient error; if the backup is retried, the error may not occur"
                        : "The VSS application writer or the VSS provider is in a bad state: a function call was made when the object was in an incorrect state for that function");
                return;
            }
        }
        phase(r, Vss.Phase.POST_SNAPSHOT);
        if (r.csvMode == CsvSnapshots.SNAPSHOT_ONLY) csv(txn, r, true, false); // the snapshot is taken: direct I/O for the transfer
        else if (r.path == BackupPath.HARDWARE_PAIR) csv(txn, r, false, false); // the pair is split: I/O goes direct again
        transfer(txn, r);
    }

    /**
     * The data moves from now (the shadow copy is taken) as a flow on the lab's fabric: alone at the
     * path's calibrated rate, the job's fixed overhead after it; shared, slower.
     */
    private void transfer(Txn txn, Running r) {
        Duration elapsed = PREPARE.plus(BackupTimings.FREEZE_TO_THAW);
        Duration alone = Duration.ofMillis(Math.round(r.mb / BackupTimings.of(r.path, r.redirecting).rate() * 1000));
        Duration window = alone.compareTo(r.total.minus(elapsed)) < 0 ? alone : r.total.minus(elapsed);
        r.flow = transfers.start(r.jobId, io.hyperv4j.sim.SimActivity.BACKUP + r.kind + "/" + r.path, r.vmId, r.host, readsFrom(r), r.mb, window,
                r.total.minus(elapsed).minus(window));
    }

    /**
     * The Backup Components Document the job's VSS backup saves with its point: the Hyper-V writer's
     * component for the VM (online or saved state, as at the freeze), or for an in-guest backup the
     * guest's application writer's database; backed up, in the snapshot set of the job's shadow copy.
     */
    private String document(Running r) {
        Vss.GuestWriter g = vss.guestWriters.get(r.vmId);
        io.hyperv4j.backup.vss.VssWriter writer = r.path == BackupPath.GUEST_AGENT && g != null ? Vss.guestWriter(g)
                : Vss.hyperVWriter(r.host, List.of(new HyperVWriter.VmComponent(r.vmId, r.vmName,
                        r.online ? HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT : HyperVWriter.BackupMethod.SAVED_STATE, null)));
        return BackupDocument.ofJob(r.kind == BackupKind.SYNCHRONIZATION ? io.hyperv4j.backup.vss.VssBackupType.INCREMENTAL
                : io.hyperv4j.backup.vss.VssBackupType.FULL, Vss.guid(r.jobId), writer);
    }

    /**
     * The storage a job's read crosses on the fabric: a pair job reads the split secondary LU; a
     * network or in-guest job reads the VM's volume (its CSV and the LU under it), shared with the
     * guests' I/O, the LU's pair copies and the other jobs there.
     */
    private List<String> readsFrom(Running r) {
        if (r.pair != null) return List.of(pairs.secondaryLink(r.pair));
        SimVm v = lab.vm(r.vmId);
        return v == null ? List.of() : volumeLinks.ofVm(v);
    }

    private void completed(Txn txn, SimJob job) {
        Running r = byJob(job.id());
        if (r == null) { // saved with the lab while it ran: its shadow copy did not survive
            lab.jobs().fail(txn, job, 30111, "The backup failed.", "the backup's shadow copy was lost when the lab was saved and loaded; run it again");
            return;
        }
        SimVm v = lab.vm(r.vmId);
        if (v != null && !v.host().name().equalsIgnoreCase(r.host)) {
            event(txn, 10009, "Microsoft-Windows-Hyper-V-VMMS", r.vmName, "Could not communicate with " + r.vmName
                    + " using any of the configured protocols (it was live-migrated to " + v.host().name() + " during the backup)");
            fail(txn, r, 30111, "The VSS application writer or the VSS provider is in a bad state: " + r.vmName
                    + " moved from " + r.host + " to " + v.host().name() + " during the backup");
            return;
        }
        List<Path> files;
        try {
            files = store().commit(r.vmName, r.pointId, r.staged.size(), document(r));
        } catch (RuntimeException e) {
            fail(txn, r, 30111, e.getMessage());
            return;
        }
        phase(r, Vss.Phase.BACKUP_COMPLETE);
        r.succeeded = true;
        release(txn, r);
        List<Path> disks = files.subList(0, files.size() - 2); // then the document and the configuration
        long bytes = job.data("mb") == null ? r.bytes : Math.round(Double.parseDouble(job.data("mb")) * MB);
        RecoveryPoint info = new RecoveryPoint(r.pointId, r.vmName, r.vmId, r.kind, r.path, r.committedAt, bytes, files, r.clusteredAtStart);
        String replicaHost = r.kind == BackupKind.REPLICA ? r.host : pointsOf(r.vmId).get(pointsOf(r.vmId).size() - 1).replicaHost();
        pointsOf(r.vmId).add(new Point(info, List.copyOf(disks), replicaHost, r.rct));
        applyRetention(r.vmId, r.started);
    }

    /**
     * DPM prunes a data source's points after each point it makes, scheduled or not: the points taken
     * before its group's retention range, counted back from when the job started (a scheduled run's
     * cutoff is the same), go; the fold's journal makes that crash-safe.
     */
    private void applyRetention(String vmId, Instant jobStarted) {
        for (Group g : groups.values())
            if (g.members.contains(vmId)) {
                try {
                    expire(vmId, jobStarted.minus(g.retention));
                } catch (RuntimeException e) { // the point is made; a failed prune is retried after the next one
                    LOG.warn("the retention of {} in group '{}' did not finish: {}", vmId, g.name, e.getMessage());
                }
            }
    }

    private void fail(Txn txn, Running r, int eventId, String why) {
        event(txn, eventId, "DPMRA", r.vmName, why);
        phase(r, Vss.Phase.ABORT);
        SimJob job = lab.jobs().get(r.jobId);
        if (job != null) lab.jobs().fail(txn, job, eventId, "The backup of " + r.vmName + " failed.", why);
        store().discard(r.vmName, r.pointId);
        release(txn, r);
    }

    private void abort(Txn txn, String jobId, String why) {
        Running r = byJob(jobId);
        if (r == null) return;
        phase(r, Vss.Phase.ABORT);
        store().discard(r.vmName, r.pointId);
        release(txn, r);
    }

    private void release(Txn txn, Running r) {
        running.remove(r.vmId.toUpperCase(Locale.ROOT));
        if (r.shadowId != null) vss.shadows.remove(r.shadowId);
        if (r.split) pairs.resync(r.pair); // the backup has read the secondary: it follows the primary again
        if (r.flow != null) r.flow.close(txn.now());
        if (r.shadowCopy != null) lab.activities().end(r.shadowCopy.id(), txn.now());
        csv(txn, r, false, false);
    }

    private boolean isRunning(Running r) {
        return running.get(r.vmId.toUpperCase(Locale.ROOT)) == r;
    }

    private Running byJob(String jobId) {
        for (Running r : running.values()) if (r.jobId.equalsIgnoreCase(jobId)) return r;
        return null;
    }

    private void phase(Running r, Vss.Phase p) {
        phases.computeIfAbsent(r.jobId.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
    }

    void event(Txn txn, int id, String source, String vm, String message) {
        events.add(new BackupEvent(txn.now(), id, source, vm, message));
        LOG.info("event {} from {} about {}: {}", id, source, vm, message);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The VM's configuration kept with a point (Get-VM's and Get-VMHardDiskDrive's names): what the
     * Hyper-V writer's restore gives the VM back, its drives included (each drive's id, controller,
     * location and file at the backup, in the order the guest numbers them).
     */
    static String config(SimVm v, List<SimDrive> drives) {
        var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("Name", v.name()).put("Id", v.id())
                .put("ProcessorCount", v.processors()).put("MemoryStartupBytes", v.memoryMb() * 1024 * 1024)
                .put("Generation", SimVm.SUBTYPE_GEN2.equals(v.subType()) ? 2 : 1);
        var hd = o.putArray("HardDrives");
        for (SimDrive d : drives)
            hd.addObject().put("Id", d.id()).put("DiskId", d.diskId()).put("ControllerId", d.controllerId())
                    .put("ControllerLocation", d.address()).put("Path", d.current().toString());
        return o.toString() + "\n";
    }

    /**
     * What changed on the VM's disk {@code i} since recovery point {@code last}: the VM's resilient change
     * tracking since the id the point's shadow copy marked (what GetVirtualDiskChanges answers); when
     * that id no longer resolves (a checkpoint was applied, the point predates tracking), a comparison
     * of content with the point, as DPM's consistency check does.
     */
    List<ByteRange> changedSince(SimVm v, int i, Point last) {
        SimDrive d = drives(v).get(i);
        String since = last.rct().get(d.id());
        Optional<io.hyperv4j.vhd.ChangedRanges> tracked = since == null ? Optional.empty()
                : StorageModel.of(lab).vm(v.id()).rct().since(d.id(), since, null);
        if (tracked.isEmpty()) return io.hyperv4j.vhd.VirtualDisks.changedBlocks(last.disks().get(i), d.current());
        try (var disk = io.hyperv4j.vhd.VirtualDisks.open(d.current(), io.hyperv4j.vhd.OpenMode.READ_ONLY)) {
            return tracked.get().ranges(disk.size());
        }
    }

    /** The VM's drives that hold a disk, in the order the guest numbers them. */
    List<SimDrive> drives(SimVm v) {
        VmStorage st = StorageModel.of(lab).find(v.id());
        List<SimDrive> out = new ArrayList<>();
        if (st != null) for (SimDrive d : st.drives()) if (d.current() != null) out.add(d);
        return out;
    }

    /** The VM's disks (the files its drives hold now), in the order the guest numbers them. */
    List<Path> disks(SimVm v) {
        return drives(v).stream().map(SimDrive::current).toList();
    }

    /** A VM the server protects: in the lab now, or deleted since its points were made. */
    record Protected(String id, String name) {
    }

    /**
     * The VM a restore or a point listing names: the lab's, else one deleted since the server backed it
     * up (found by the id or the name its points recorded).
     */
    Protected requireProtected(String nameOrId) {
        try {
            SimVm v = requireVm(nameOrId);
            return new Protected(v.id(), v.name());
        } catch (BackupRefusedException e) {
            if (e.reason() != BackupRefusal.NOT_FOUND) throw e;
            List<Protected> gone = new ArrayList<>();
            for (List<Point> pts : points.values()) {
                if (pts.isEmpty()) continue;
                RecoveryPoint last = pts.get(pts.size() - 1).info();
                if (lab.vm(last.vmId()) == null && (last.vmId().equalsIgnoreCase(nameOrId) || last.vm().equalsIgnoreCase(nameOrId)))
                    gone.add(new Protected(last.vmId(), last.vm()));
            }
            if (gone.size() == 1) return gone.get(0);
            if (gone.isEmpty()) throw e;
            throw refuse(BackupRefusal.INVALID_PARAMETER, "'" + nameOrId + "' names " + gone.size() + " deleted VMs with recovery points; use its id");
        }
    }

    SimVm requireVm(String nameOrId) {
        SimVm byId = lab.vm(nameOrId);
        if (byId != null) return byId;
        List<SimVm> found = new ArrayList<>();
        for (SimHost h : lab.hosts()) for (SimVm v : h.vms()) if (v.name().equalsIgnoreCase(nameOrId)) found.add(v);
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty()) throw refuse(BackupRefusal.NOT_FOUND, "no VM '" + nameOrId + "' in the lab");
        throw refuse(BackupRefusal.INVALID_PARAMETER, "'" + nameOrId + "' names " + found.size() + " VMs; use its id");
    }

    Long capacityOf(Path folder) {
        return folderCapacity.get(folder.toAbsolutePath().normalize());
    }

    static BackupRefusedException refuse(BackupRefusal why, String message) {
        return new BackupRefusedException(why, message);
    }

    void change(java.util.function.Consumer<Txn> body) {
        lab.write(LOCK, txn -> {
            body.accept(txn);
            return null;
        });
    }

    <R> R write(java.util.function.Function<Txn, R> body) {
        return lab.write(LOCK, body);
    }

    <R> R read(java.util.function.Supplier<R> body) {
        return lab.read(LOCK, body);
    }

    // ------------------------------------------------------------------ persistence

    void save(com.fasterxml.jackson.databind.node.ObjectNode n) {
        n.put("hardwareProvider", hardwareProvider).put("luck", luck).put("nextPoint", nextPoint);
        var g = n.putArray("groups");
        for (Group x : groups.values()) {
            var o = g.addObject().put("name", x.name).put("time", String.valueOf(x.time)).put("retention", x.retention.toString());
            var times = o.putArray("expressFullTimes");
            x.schedule.expressFullTimes().forEach(t -> times.add(t.toString()));
            if (x.schedule.synchronizationFrequency() != null) o.put("synchronizationFrequency", x.schedule.synchronizationFrequency().toString());
            var m = o.putArray("members");
            x.members.forEach(m::add);
        }
        var ps = n.putObject("points");
        points.forEach((vm, list) -> {
            var a = ps.putArray(vm);
            for (Point p : list) {
                RecoveryPoint i = p.info();
                var o = a.addObject().put("id", i.id()).put("vm", i.vm()).put("vmId", i.vmId()).put("kind", i.kind().name())
                        .put("path", i.path().name()).put("time", String.valueOf(i.representedPointInTime()))
                        .put("bytes", i.transferredBytes()).put("clusterResource", i.clusterResource()).put("replicaHost", p.replicaHost());
                var f = o.putArray("files");
                i.files().forEach(x -> f.add(x.toString()));
                var d = o.putArray("disks");
                p.disks().forEach(x -> d.add(x.toString()));
                var rct = o.putObject("rct");
                p.rct().forEach(rct::put);
            }
        });
        var e = n.putArray("events");
        for (BackupEvent x : events)
            e.addObject().put("time", x.time().toString()).put("id", x.id()).put("source", x.source()).put("vm", x.vm()).put("message", x.message());
        var pr = n.putObject("pairs");
        pairs.bindings().forEach((k, v) -> pr.putArray(k).add(v.array()).add(v.pair()));
        var pf = n.putObject("profiles");
        profiles.forEach((k, v) -> pf.putArray(k).add(v.replicaMb()).add(v.expressFullMb()).add(v.synchronizationMb()).add(v.restoreMb()));
        var sp = n.putObject("splits");
        splits.forEach(sp::put);
        var w = n.putArray("applicationWriters");
        vss.guestWriters.values().forEach(x -> w.addObject().put("vmId", x.vmId()).put("vm", x.vmName()).put("host", x.host()).put("component", x.component()));
        n.put("store", store == null ? null : store.root().toString());
        var ph = n.putObject("phases");
        phases.forEach((job, list) -> list.forEach(p -> ph.withArray(job).add(p.name())));
        var sh = n.putArray("shadowCopies");
        for (VssSnapshot x : vss.shadows.values())
            sh.addObject().put("id", x.id().toString()).put("setId", x.setId().toString()).put("volume", x.originalVolume())
                    .put("device", x.deviceObject()).put("provider", x.providerId().toString()).put("attributes", x.attributes())
                    .put("created", x.created().toString());
        n.put("shadowDevices", vss.shadowDevices);
        var ru = n.putArray("running"); // a job saved while it runs resumes on load, its staged files in the store
        for (Running r : running.values()) {
            var o = ru.addObject().put("job", r.jobId).put("vmId", r.vmId).put("vm", r.vmName).put("host", r.host).put("point", r.pointId)
                    .put("kind", r.kind.name()).put("path", r.path.name()).put("redirecting", r.redirecting)
                    .put("clustered", r.clusteredAtStart).put("started", r.started.toString()).put("staged", r.staged.size())
                    .put("bytes", r.bytes);
            if (r.frozenState != null) o.put("frozenState", r.frozenState.name());
            o.put("online", r.online);
            if (r.shadowId != null) o.put("shadowId", r.shadowId.toString());
            if (r.committedAt != null) o.put("committedAt", r.committedAt.toString());
            var rct = o.putObject("rct");
            r.rct.forEach(rct::put);
            o.put("mb", r.mb).put("total", r.total.toString()).put("csvMode", r.csvMode.name()).put("split", r.split);
            if (r.pair != null) o.putArray("pair").add(r.pair.array()).add(r.pair.pair());
            r.volume.ifPresent(v -> o.putArray("volume").add(v.cluster()).add(v.disk()).add(v.path()).add(v.owner()));
            var redirected = o.putArray("redirectedIo"); // [through, node]: the activities are not saved with the lab, the redirection is
            r.redirectedIo.forEach(a -> redirected.addArray().add(a.fromHost()).add(a.toHost()));
            if (r.flow != null) r.flow.save(o.putObject("transfer"));
        }
        restores.save(n.putArray("restores"));
    }

    void load(com.fasterxml.jackson.databind.JsonNode n) {
        hardwareProvider = n.path("hardwareProvider").asBoolean(false);
        luck = n.path("luck").asDouble(0);
        nextPoint = n.path("nextPoint").asInt(1);
        for (var x : n.path("groups")) {
            Group g = new Group(x.path("name").asText(), LocalTime.parse(x.path("time").asText()), Duration.parse(x.path("retention").asText()));
            x.path("members").forEach(m -> g.members.add(m.asText()));
            if (x.has("expressFullTimes")) {
                List<LocalTime> times = new ArrayList<>();
                x.path("expressFullTimes").forEach(t -> times.add(LocalTime.parse(t.asText())));
                g.schedule = new io.hyperv4j.backup.ProtectionSchedule(times,
                        x.hasNonNull("synchronizationFrequency") ? Duration.parse(x.get("synchronizationFrequency").asText()) : null);
            }
            groups.put(g.name, g);
        }
        n.path("points").fields().forEachRemaining(en -> {
            List<Point> list = new ArrayList<>();
            for (var o : en.getValue()) {
                List<Path> files = new ArrayList<>(), disks = new ArrayList<>();
                o.path("files").forEach(f -> files.add(Path.of(f.asText())));
                o.path("disks").forEach(f -> disks.add(Path.of(f.asText())));
                Map<String, String> rct = new java.util.LinkedHashMap<>();
                o.path("rct").fields().forEachRemaining(x -> rct.put(x.getKey(), x.getValue().asText()));
                list.add(new Point(new RecoveryPoint(o.path("id").asText(), o.path("vm").asText(), o.path("vmId").asText(),
                        BackupKind.valueOf(o.path("kind").asText()), BackupPath.valueOf(o.path("path").asText()), Instant.parse(o.path("time").asText()),
                        o.path("bytes").asLong(), files, o.path("clusterResource").asBoolean()), disks, o.path("replicaHost").asText(), rct));
            }
            points.put(en.getKey(), list);
        });
        for (var x : n.path("events"))
            events.add(new BackupEvent(Instant.parse(x.path("time").asText()), x.path("id").asInt(), x.path("source").asText(), x.path("vm").asText(), x.path("message").asText()));
        n.path("pairs").fields().forEachRemaining(en -> {
            if (en.getValue().get(0).isTextual()) pairs.bindings().put(en.getKey(), new HardwarePairs.Binding(en.getValue().get(0).asText(), en.getValue().get(1).asText()));
        });
        n.path("profiles").fields().forEachRemaining(en -> profiles.put(en.getKey(), new DataProfile(en.getValue().get(0).asDouble(),
                en.getValue().get(1).asDouble(), en.getValue().get(2).asDouble(), en.getValue().get(3).asDouble())));
        n.path("splits").fields().forEachRemaining(en -> splits.put(en.getKey(), en.getValue().asInt()));
        for (var x : n.path("applicationWriters"))
            vss.guestWriters.put(x.path("vmId").asText(), new Vss.GuestWriter(x.path("vmId").asText(), x.path("vm").asText(), x.path("host").asText(),
                    Vss.EXCHANGE_WRITER, Vss.EXCHANGE_WRITER_ID, x.path("component").asText()));
        if (n.hasNonNull("store")) store = new BackupStore(Path.of(n.get("store").asText()));
        if (store != null) points.forEach((vm, list) -> {
            if (list.isEmpty()) return;
            store.finishFolds(list.get(0).info().vm()); // a retention a kill interrupted
            list.removeIf(p -> !Files.exists(p.info().files().get(p.info().files().size() - 1))); // its configuration is what makes a point
        });
        if (store != null) store.sweepUnissued(nextPoint); // after the folds, which may re-point such a point's files
        groups.values().forEach(schedules::arm);
        n.path("phases").fields().forEachRemaining(en -> {
            List<Vss.Phase> list = new ArrayList<>();
            en.getValue().forEach(p -> list.add(Vss.Phase.valueOf(p.asText())));
            phases.put(en.getKey(), list);
        });
        for (var x : n.path("shadowCopies")) {
            VssSnapshot v = new VssSnapshot(java.util.UUID.fromString(x.path("id").asText()), java.util.UUID.fromString(x.path("setId").asText()),
                    x.path("volume").asText(), x.path("device").asText(), java.util.UUID.fromString(x.path("provider").asText()),
                    x.path("attributes").asInt(), Instant.parse(x.path("created").asText()));
            vss.shadows.put(v.id(), v);
        }
        vss.shadowDevices = n.path("shadowDevices").asInt(vss.shadowDevices);
        restores.load(n.path("restores"));
        for (var x : n.path("running")) {
            String vmId = x.path("vmId").asText();
            BackupPath path = BackupPath.valueOf(x.path("path").asText());
            Running r = new Running(x.path("job").asText(), vmId, x.path("vm").asText(), x.path("host").asText(), x.path("point").asText(),
                    BackupKind.valueOf(x.path("kind").asText()), path,
                    volume(x.path("volume")), x.path("redirecting").asBoolean(),
                    x.path("clustered").asBoolean(), Instant.parse(x.path("started").asText()));
            r.staged = java.util.Collections.nCopies(x.path("staged").asInt(), Path.of(""));
            r.bytes = x.path("bytes").asLong();
            if (x.hasNonNull("frozenState")) r.frozenState = PowerState.valueOf(x.get("frozenState").asText());
            r.online = x.path("online").asBoolean(true);
            if (x.hasNonNull("shadowId")) r.shadowId = java.util.UUID.fromString(x.get("shadowId").asText());
            if (x.hasNonNull("committedAt")) r.committedAt = Instant.parse(x.get("committedAt").asText());
            Map<String, String> rct = new java.util.LinkedHashMap<>();
            x.path("rct").fields().forEachRemaining(e -> rct.put(e.getKey(), e.getValue().asText()));
            r.rct = rct;
            r.mb = x.path("mb").asDouble();
            // a file from before pairs, flows and CSV access by version: its job's nominal time, and 2008 R2's pinning
            r.total = x.has("total") ? Duration.parse(x.get("total").asText()) : BackupTimings.backup(r.kind, path, r.redirecting, r.mb);
            r.csvMode = CsvSnapshots.valueOf(x.path("csvMode").asText(r.volume.isPresent() ? "PINNED" : "UNTOUCHED"));
            r.split = x.path("split").asBoolean();
            if (x.path("pair").isArray()) r.pair = new HardwarePairs.Binding(x.path("pair").get(0).asText(), x.path("pair").get(1).asText());
            running.put(vmId.toUpperCase(Locale.ROOT), r);
            arm(r);
            // once every provider has loaded (the cluster's volumes, the SAN, the fabric's links): what the job had under way
            lab.clock().scheduleAt(lab.clock().now(), at -> change(t -> resume(t, r, x)));
        }
    }
}
