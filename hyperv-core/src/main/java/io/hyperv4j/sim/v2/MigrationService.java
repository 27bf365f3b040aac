package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_VirtualSystemMigrationService.MigrateVirtualSystemToHost and
 * CheckVirtualSystemIsMigratableToHost: live migration between hosts of one lab (VirtualSystem,
 * with storage: VirtualSystemAndStorage, the shared-nothing move) and storage migration on one host
 * (Storage). Every check runs before anything changes; a refusal with a reason is a job that has
 * already failed with the method's code (32770 not supported, 32773 invalid parameter, 32774 in use,
 * 32775 invalid state, 32777 system not available, 32778 out of memory) and the reason as its
 * ErrorDescription, as Hyper-V reports one. The move itself happens when the job completes, so a
 * cancelled migration leaves the VM where it was. The source's files stay where they were (a
 * retained copy) until the lab can fold them after a save: that step is not built.
 */
final class MigrationService {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationService.class);

    static final String OPERATION = "v2.vm.migrate";
    /** MigrationType values (Msvm_VirtualSystemMigrationSettingData). */
    static final int VIRTUAL_SYSTEM = 32768, STORAGE = 32769, STAGED = 32770, VIRTUAL_SYSTEM_AND_STORAGE = 32771, STORAGE_DEEP_CHECK = 32772;
    /**
     * Msvm_MigrationJob.JobType: 305 Moving Virtual Machine, 306 ... and Storage, 307 Moving Storage,
     * 300 Creating Remote Virtual Machine (a staged migration's planned VM on the destination).
     */
    /** The migration types a client can ask for (StorageDeepCheck is not served). */
    static final List<Integer> TYPES = List.of(VIRTUAL_SYSTEM, STORAGE, STAGED, VIRTUAL_SYSTEM_AND_STORAGE);
    private static final Map<Integer, Integer> JOB_TYPE = Map.of(VIRTUAL_SYSTEM, 305, VIRTUAL_SYSTEM_AND_STORAGE, 306, STORAGE, 307, STAGED, 300);
    static final int FAILED = 32768, NOT_SUPPORTED = 32770, INVALID_PARAMETER = 32773, IN_USE = 32774, INVALID_STATE = 32775,
            NOT_AVAILABLE = 32777, OUT_OF_MEMORY = 32778;
    private static final String DISK_PREFIX = "disk:";

    private final MigrationSettings settings;
    private final MigrationFlows flows;

    MigrationService(MigrationSettings settings, MigrationFlows flows) {
        this.settings = settings;
        this.flows = flows;
    }

    /** A migration that was checked: what moves where, and the planned VM on the destination it moves into, if any. */
    private record Request(SimVm vm, SimHost to, int type, int transport, Map<SimDrive, Path> moves, long memoryBytes, long diskBytes,
                           String intoPlanned) {}

    /** A refusal: the method's code and why. */
    private static final class Refused extends RuntimeException {
        final int code;

        Refused(int code, String why) {
            super(why, null, false, false);
            this.code = code;
        }
    }

    MethodResult migrate(Txn txn, HostScope s, Map<String, CimValue> p) {
        Request r;
        try {
            r = check(s, p, false);
        } catch (Refused e) {
            LOG.debug("MigrateVirtualSystemToHost refused ({}): {}", e.code, e.getMessage());
            SimJob job = txn.lab().jobs().refuse(txn, s.host(), "Msvm_VirtualSystemMigrationService.MigrateVirtualSystemToHost",
                    vmId(s, p), e.code, e.getMessage());
            return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(s.host().name(), job.id()))));
        }
        MigrationCosts.Link link = MigrationCosts.link(s.host(), r.to);
        MigrationCosts.Plan plan = MigrationCosts.plan(r.memoryBytes, r.diskBytes, link.bitsPerSecond(), r.type == STORAGE);
        Map<String, String> data = new LinkedHashMap<>();
        boolean moves = r.memoryBytes > 0 || r.diskBytes > 0;
        if (moves) MigrationFlows.describe(data, link, r.memoryBytes, r.diskBytes, r.type == STORAGE);
        data.put("migrationType", Integer.toString(r.type));
        data.put("destination", r.to.name());
        if (r.intoPlanned != null) data.put("intoPlanned", r.intoPlanned);
        int n = 0;
        for (Map.Entry<SimDrive, Path> m : r.moves.entrySet()) {
            data.put(DISK_PREFIX + n + ".drive", m.getKey().id());
            data.put(DISK_PREFIX + n++ + ".file", m.getValue().toString());
        }
        String verb = switch (r.type) {
            case STORAGE -> "Moving storage of";
            case STAGED -> "Creating a planned virtual machine of";
            case VIRTUAL_SYSTEM_AND_STORAGE -> "Moving virtual machine and storage";
            default -> "Moving virtual machine";
        };
        SimJob.JobSpec spec = new SimJob.JobSpec(OPERATION, JOB_TYPE.get(r.type), verb,
                verb + " '" + r.vm.name() + "' to " + r.to.name(), true, r.vm.id(), plan.total(), data);
        // beyond the hosts' maximum of active migrations the job waits, New, until a slot frees
        boolean now = slotFree(txn.lab(), s.host(), r.to.name(), r.type == STORAGE, null);
        SimJob job = now ? txn.lab().jobs().submit(txn, s.host(), spec) : txn.lab().jobs().queue(txn, s.host(), spec);
        txn.touch(r.vm);
        r.vm.busyJobId(job.id());
        if (now) flows.begin(txn.lab(), job);
        LOG.debug("migration of {} to {} ({}){}: {}", r.vm.name(), r.to.name(), r.type, now ? "" : " queued", plan);
        return new MethodResult(4096, Map.of("Job", CimValue.ref(jobPath(s.host().name(), job.id()))));
    }

    /**
     * MigrateVirtualSystemToSystem: the same migration, to the host a DestinationSystem reference
     * names (the destination's own Msvm_ComputerSystem, whose Name is the host's); NewComputerSystem
     * is the VM as it will be on the destination. A reference to no host of the lab is refused as an
     * invalid parameter, through a failed job like every other refusal.
     */
    MethodResult migrateToSystem(Txn txn, HostScope s, Map<String, CimValue> p) {
        ObjectPath dest = Embedded.ref(p.get("DestinationSystem"));
        Object name = dest == null || !dest.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) ? null : dest.key("Name");
        SimHost to = name == null ? null : s.lab().host(name.toString());
        Map<String, CimValue> q = Embedded.params(p);
        q.remove("DestinationSystem");
        if (to == null) {
            SimJob job = txn.lab().jobs().refuse(txn, s.host(), "Msvm_VirtualSystemMigrationService.MigrateVirtualSystemToSystem",
                    vmId(s, p), INVALID_PARAMETER, "DestinationSystem names no host's Msvm_ComputerSystem: " + dest);
            return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(s.host().name(), job.id()))));
        }
        q.put("DestinationHost", CimValue.string(to.name()));
        MethodResult r = migrate(txn, s, q);
        CimValue job = r.out().get("Job");
        boolean started = job != null && job.asPath().className().equalsIgnoreCase(MigrationProvider.MIGRATION_JOB);
        if (!started) return r; // refused: there is no new system
        Map<String, CimValue> out = new LinkedHashMap<>(r.out());
        out.put("NewComputerSystem", CimValue.ref(V2.computerSystem(to.name(), vmId(s, p))));
        return new MethodResult(r.returnValue(), out);
    }

    MethodResult checkMigratable(HostScope s, Map<String, CimValue> p) {
        try {
            check(s, p, true);
            return new MethodResult(0, Map.of("IsMigratable", CimValue.bool(true)));
        } catch (Refused e) {
            if (e.code == INVALID_PARAMETER) return new MethodResult(4, Map.of()); // the CIM family's Invalid Parameter
            LOG.debug("CheckVirtualSystemIsMigratableToHost: not migratable ({}): {}", e.code, e.getMessage());
            return new MethodResult(0, Map.of("IsMigratable", CimValue.bool(false)));
        }
    }

    private static String vmId(HostScope s, Map<String, CimValue> p) {
        ObjectPath ref = Embedded.ref(p.get("ComputerSystem"));
        Object name = ref == null ? null : ref.key("Name");
        SimVm vm = name == null ? null : s.lab().vm(name.toString());
        return vm == null ? null : vm.id();
    }

    private Request check(HostScope s, Map<String, CimValue> p, boolean onlyChecking) {
        SimHost from = s.host();
        ObjectPath ref = Embedded.ref(p.get("ComputerSystem"));
        Object name = ref == null || !ref.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) ? null : ref.key("Name");
        SimVm vm = name == null ? null : s.lab().vm(name.toString());
        if (vm == null || vm.host() != from)
            throw new Refused(INVALID_PARAMETER, "ComputerSystem names no virtual machine on " + from.name() + ": " + ref);
        CimInstance msd = Embedded.instance(p.get("MigrationSettingData"));
        if (msd != null && !msd.className().equalsIgnoreCase("Msvm_VirtualSystemMigrationSettingData"))
            throw new Refused(INVALID_PARAMETER, "MigrationSettingData must be a Msvm_VirtualSystemMigrationSettingData, not " + msd.className());
        int type = msd == null ? VIRTUAL_SYSTEM : intOf(msd, "MigrationType", VIRTUAL_SYSTEM);
        // StorageDeepCheck "performs a virtual system storage resource migration ability check at the destination
        // host": the checks of the VirtualSystemAndStorage move it asks about, and then the storage itself
        boolean deep = type == STORAGE_DEEP_CHECK;
        if (deep && !onlyChecking)
            throw new Refused(INVALID_PARAMETER, "MigrationType 32772 (StorageDeepCheck) is a check; ask CheckVirtualSystemIsMigratableToHost,"
                    + " or migrate with VirtualSystem, Storage, Staged or VirtualSystemAndStorage");
        if (deep) type = VIRTUAL_SYSTEM_AND_STORAGE;
        if (!JOB_TYPE.containsKey(type)) throw new Refused(INVALID_PARAMETER, "MigrationType " + type + " is not a migration type");
        int transport = msd == null ? 5 : intOf(msd, "TransportType", 5);
        if (transport != 0 && transport != 5 && transport != 32768)
            throw new Refused(INVALID_PARAMETER, "TransportType " + transport + " is not one live migration uses (5 TCP, 32768 SMB)");
        String planned = msd == null ? null : Embedded.string(msd, "DestinationPlannedVirtualSystemId");
        if (planned != null && planned.isBlank()) planned = null;
        if (planned != null && type != VIRTUAL_SYSTEM && type != VIRTUAL_SYSTEM_AND_STORAGE)
            throw new Refused(INVALID_PARAMETER, "DestinationPlannedVirtualSystemId names a planned virtual machine to move into;"
                    + " MigrationType " + type + " moves no virtual machine");
        String dest = p.get("DestinationHost") == null || Embedded.isNull(p.get("DestinationHost")) ? "" : p.get("DestinationHost").asString();
        SimHost to;
        if (type == STORAGE) {
            if (!dest.isEmpty() && !dest.equalsIgnoreCase(from.name()) && !dest.equalsIgnoreCase("localhost"))
                throw new Refused(INVALID_PARAMETER, "a storage migration stays on its host: DestinationHost must be " + from.name() + ", not '" + dest + "'");
            to = from;
        } else {
            if (dest.isBlank()) throw new Refused(INVALID_PARAMETER, "DestinationHost is empty");
            if (dest.equalsIgnoreCase(from.name()))
                throw new Refused(INVALID_PARAMETER, "DestinationHost " + dest + " is the host '" + vm.name() + "' runs on");
            to = s.lab().host(dest);
            if (to == null) throw new Refused(NOT_AVAILABLE, "the destination host '" + dest + "' cannot be reached (hosts of this lab: "
                    + s.lab().hosts().stream().map(SimHost::name).toList() + ")");
            if (!to.poweredOn()) throw new Refused(NOT_AVAILABLE, "the destination host " + to.name() + " is powered off");
            for (SimHost h : List.of(from, to))
                if (!settings.of(h.name()).enableVirtualSystemMigration())
                    throw new Refused(NOT_SUPPORTED, "virtual machine migration is not enabled on " + h.name()
                            + " (Msvm_VirtualSystemMigrationServiceSettingData.EnableVirtualSystemMigration is False; Enable-VMMigration)");
            List<String> addresses = msd == null ? List.of() : Embedded.strings(msd, "DestinationIPAddressList");
            List<String> listening = MigrationProvider.listenerAddresses(to, settings.of(to.name()));
            if (!addresses.isEmpty() && addresses.stream().noneMatch(listening::contains))
                throw new Refused(NOT_AVAILABLE, "none of DestinationIPAddressList " + addresses + " is an address the migration service of "
                        + to.name() + " listens on " + listening);
            List<String> missing = new ArrayList<>(VirtualSwitches.connectedTo(s.lab(), vm));
            missing.removeIf(sw -> VirtualSwitches.names(s.lab(), to.name()).stream().anyMatch(sw::equalsIgnoreCase));
            if (!missing.isEmpty())
                throw new Refused(FAILED, "'" + vm.name() + "' is incompatible with " + to.name() + ": could not find Ethernet switch '"
                        + missing.get(0) + "' on it, which a network adapter of the virtual machine is connected to");
        }
        PlannedSystems plans = SystemDefinitions.planned(s.lab());
        if (planned != null) {
            PlannedSystems.Planned into = plans.find(planned);
            if (into == null || !into.host().equalsIgnoreCase(to.name()))
                throw new Refused(INVALID_PARAMETER, "DestinationPlannedVirtualSystemId names no planned virtual machine on " + to.name() + ": " + planned);
        }
        if (type == STAGED && plans.find(vm.id()) != null)
            throw new Refused(INVALID_STATE, "a planned virtual machine " + vm.id() + " already exists on " + plans.find(vm.id()).host()
                    + "; realize or remove it before staging '" + vm.name() + "' again");
        if (vm.isBusy()) throw new Refused(IN_USE, "'" + vm.name() + "' is busy with job " + vm.busyJobId());
        PowerState st = vm.state();
        if (st != PowerState.RUNNING && st != PowerState.OFF && st != PowerState.SAVED && st != PowerState.PAUSED)
            throw new Refused(INVALID_STATE, "'" + vm.name() + "' is " + st + "; it must be running, off, saved or paused to migrate");
        if (type != STORAGE && type != STAGED) { // a planned VM takes no memory until it is realized
            if (vm.processors() > to.logicalProcessors())
                throw new Refused(FAILED, "'" + vm.name() + "' is incompatible with " + to.name() + ": it has " + vm.processors()
                        + " virtual processors, the host " + to.logicalProcessors() + " logical processors");
            MigrationCosts.shortfall(s.lab(), to, vm).ifPresent(why -> {
                throw new Refused(OUT_OF_MEMORY, why);
            });
        }
        VmStorage storage = StorageSettings.of(s.lab(), vm);
        Map<SimDrive, Path> moves = moves(s, vm, storage, p, type, msd != null && Boolean.TRUE.equals(Embedded.bool(msd, "AllowOverwriteExistingFile")));
        long diskBytes = 0;
        if (type != VIRTUAL_SYSTEM && type != STAGED) for (Path f : storage.files()) diskBytes += sizeOf(f);
        if (deep) deepCheck(vm, storage, moves);
        long memoryBytes = type == STORAGE || type == STAGED || !st.isActive() ? 0 : vm.memoryMb() << 20;
        return new Request(vm, to, type, transport, moves, memoryBytes, diskBytes, planned);
    }

    /** The new file of each disk NewResourceSettingData moves (Msvm_StorageAllocationSettingData by InstanceID, HostResource). */
    private static Map<SimDrive, Path> moves(HostScope s, SimVm vm, VmStorage storage, Map<String, CimValue> p, int type, boolean overwrite) {
        Map<SimDrive, Path> moves = new LinkedHashMap<>();
        List<CimInstance> news = Embedded.instances(p.get("NewResourceSettingData"));
        if ((type == VIRTUAL_SYSTEM || type == STAGED) && !news.isEmpty())
            throw new Refused(INVALID_PARAMETER, "NewResourceSettingData moves storage; MigrationType " + type + " moves no storage");
        if (type == STORAGE && news.isEmpty()) throw new Refused(INVALID_PARAMETER, "a storage migration needs NewResourceSettingData naming where each disk goes");
        for (CimInstance sasd : news) {
            String iid = Embedded.string(sasd, "InstanceID");
            SimDrive drive = storage.drives().stream()
                    .filter(d -> d.current() != null && StorageRenderer.disk(s.host().name(), vm.id(), d).key("InstanceID").toString().equalsIgnoreCase(iid))
                    .findFirst().orElseThrow(() -> new Refused(INVALID_PARAMETER, "NewResourceSettingData names no virtual hard disk of '" + vm.name() + "': " + iid));
            List<String> hr = Embedded.strings(sasd, "HostResource");
            if (hr.size() != 1) throw new Refused(INVALID_PARAMETER, "HostResource of " + iid + " must name one file, not " + hr.size());
            StringBuilder why = new StringBuilder();
            Path target = DiskPaths.resolve(s.lab(), hr.get(0), why);
            if (target == null) throw new Refused(INVALID_PARAMETER, "HostResource of " + iid + ": " + why);
            if (target.equals(drive.current())) continue;
            if (storage.files().contains(target))
                throw new Refused(INVALID_PARAMETER, "HostResource of " + iid + " is " + target + ", a disk file '" + vm.name() + "' already uses");
            // the drive's differencing chain and its checkpoints' files go with it, into the target's folder
            for (Map.Entry<Path, Path> f : chainMoves(storage, drive, target).entrySet()) {
                if (storage.files().contains(f.getValue()) && !f.getValue().equals(f.getKey()))
                    throw new Refused(INVALID_PARAMETER, f.getKey() + " would move onto " + f.getValue() + ", another disk file of '" + vm.name() + "'");
                if (Files.exists(f.getValue()) && !f.getValue().equals(f.getKey()) && !overwrite)
                    throw new Refused(FAILED, f.getValue() + " already exists (AllowOverwriteExistingFile is False)");
            }
            moves.put(drive, target);
        }
        return moves;
    }

    /** StorageDeepCheck's look at the storage: every disk file there and readable, and room for the moved ones where they go. */
    private static void deepCheck(SimVm vm, VmStorage storage, Map<SimDrive, Path> moves) {
        for (Path f : storage.files())
            if (!Files.isReadable(f)) throw new Refused(FAILED, "the disk file " + f + " of '" + vm.name() + "' cannot be read");
        Map<java.nio.file.FileStore, Long> needed = new LinkedHashMap<>();
        for (Map.Entry<SimDrive, Path> m : moves.entrySet()) {
            Path at = m.getValue().toAbsolutePath().getParent();
            while (at != null && !Files.exists(at)) at = at.getParent();
            if (at == null) throw new Refused(FAILED, "no folder of " + m.getValue() + " exists to hold it");
            try {
                needed.merge(Files.getFileStore(at), sizeOf(m.getKey().current()), Long::sum);
            } catch (IOException e) {
                throw new Refused(FAILED, "the destination of " + m.getValue() + " cannot be examined: " + e.getMessage());
            }
        }
        needed.forEach((store, bytes) -> {
            long free;
            try {
                free = store.getUsableSpace();
            } catch (IOException e) {
                throw new Refused(FAILED, "the free space of " + store + " cannot be read: " + e.getMessage());
            }
            if (bytes > free) throw new Refused(FAILED, "the disks of '" + vm.name() + "' need " + bytes + " bytes on " + store + ", which has " + free + " free");
        });
    }

    /**
     * Where each file of a moved drive goes, parents first: its current file to {@code target}, the
     * files under it and its checkpoints' (a differencing chain) beside it under their own names, as
     * Hyper-V moves a VM's checkpoints with its disks. Two files of one name are refused.
     */
    private static Map<Path, Path> chainMoves(VmStorage storage, SimDrive drive, Path target) {
        Map<Path, Path> out = new LinkedHashMap<>();
        Path folder = target.toAbsolutePath().getParent();
        for (Path f : storage.chain(drive.id())) {
            Path to = f.equals(drive.current()) ? target : folder.resolve(f.getFileName().toString());
            if (to.equals(f)) continue; // already there (a parent in the target folder): its children's links stay right
            if (out.containsValue(to)) throw new Refused(INVALID_PARAMETER, "two disk files of drive " + drive.id() + " would both be " + to);
            out.put(f, to);
        }
        return out;
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int intOf(CimInstance i, String prop, int dflt) {
        Long v = Embedded.integer(i, prop);
        return v == null ? dflt : v.intValue();
    }

    static ObjectPath jobPath(String host, String jobId) {
        return V2.path(host, MigrationProvider.MIGRATION_JOB, "InstanceID", jobId);
    }

    static boolean isMigration(SimJob job) {
        return OPERATION.equals(job.operation());
    }

    private static boolean storageOnly(SimJob j) {
        return Integer.toString(STORAGE).equals(j.data("migrationType"));
    }

    /**
     * The migrations running (not queued, not ended; {@code except} left out) that hold one of
     * {@code host}'s slots of this kind: a storage migration one of its own host's, a virtual system
     * migration one of its source's and one of its destination's.
     */
    static int active(Lab lab, SimHost host, boolean storage, SimJob except) {
        int n = 0;
        for (SimHost h : lab.hosts())
            for (SimJob j : h.jobs())
                if (j != except && isMigration(j) && j.state() == JobState.RUNNING && storageOnly(j) == storage
                        && (h == host || (!storage && host.name().equalsIgnoreCase(j.data("destination"))))) n++;
        return n;
    }

    private long limit(SimHost h, boolean storage) {
        MigrationSettings.Host m = settings.of(h.name());
        return storage ? m.maximumActiveStorageMigration() : m.maximumActiveVirtualSystemMigration();
    }

    /** Whether a migration of this kind from {@code source} to {@code destination} may run now, under both hosts' maximums. */
    private boolean slotFree(Lab lab, SimHost source, String destination, boolean storage, SimJob except) {
        if (active(lab, source, storage, except) >= limit(source, storage)) return false;
        SimHost to = storage ? null : lab.host(destination);
        return to == null || active(lab, to, false, except) < limit(to, false);
    }

    /** Starts the queued migrations, oldest first, whose hosts have a slot (one ended, or a maximum was raised). */
    void startQueued(Txn txn, Lab lab, SimJob ended) {
        List<SimJob> queued = new ArrayList<>();
        for (SimHost h : lab.hosts())
            for (SimJob j : h.jobs()) if (isMigration(j) && j != ended && j.state() == JobState.NEW) queued.add(j);
        queued.sort(java.util.Comparator.comparing(SimJob::submitted).thenComparing(SimJob::id));
        for (SimJob j : queued) {
            SimHost source = lab.host(j.hostName());
            if (source != null && slotFree(lab, source, j.data("destination"), storageOnly(j), ended)) {
                lab.jobs().start(txn, j);
                flows.begin(lab, j);
            }
        }
    }

    /** Moves the VM and its files when the job completes, a cancelled job having changed nothing; either frees a slot. */
    final JobHandler handler = new JobHandler() {
        @Override
        public void complete(Txn txn, SimJob job) {
            try {
                land(txn, job);
            } finally {
                startQueued(txn, txn.lab(), job);
            }
        }

        @Override
        public void cancelled(Txn txn, SimJob job) {
            startQueued(txn, txn.lab(), job); // nothing moved before completion
        }
    };

    private static void land(Txn txn, SimJob job) {
        Lab lab = txn.lab();
        SimVm vm = lab.vm(job.affectedVmId());
        if (vm == null) return;
        int type = Integer.parseInt(job.data("migrationType"));
        SimHost to = lab.host(job.data("destination"));
        if (type == STAGED) { // the configuration becomes a planned VM on the destination; the VM stays
            if (to == null) {
                lab.jobs().fail(txn, job, NOT_AVAILABLE, "The operation failed.", "the destination host " + job.data("destination") + " went away");
                return;
            }
            SystemDefinitions.planned(lab).add(txn, to, SystemDefinition.of(lab, vm, StorageSettings.of(lab, vm), false, f -> f));
            return;
        }
        if (type != STORAGE) {
            if (to == null || !to.poweredOn()) {
                lab.jobs().fail(txn, job, NOT_AVAILABLE, "The operation failed.", "the destination host " + job.data("destination") + " went away");
                return;
            }
            var shortfall = MigrationCosts.shortfall(lab, to, vm);
            if (shortfall.isPresent()) {
                lab.jobs().fail(txn, job, OUT_OF_MEMORY, "The operation failed.", shortfall.get());
                return;
            }
        }
        VmStorage storage = StorageSettings.of(lab, vm);
        Map<Path, Path> moved = new LinkedHashMap<>(); // every file that moves, parents first
        for (int n = 0; job.data(DISK_PREFIX + n + ".drive") != null; n++) {
            SimDrive d = storage.drive(job.data(DISK_PREFIX + n + ".drive"));
            if (d != null && d.current() != null) moved.putAll(chainMoves(storage, d, Path.of(job.data(DISK_PREFIX + n + ".file"))));
        }
        for (Map.Entry<Path, Path> f : moved.entrySet()) {
            copy(f.getKey(), f.getValue());
            Path parent = storage.parentOf(f.getKey());
            // the copy still names its old parent: point it at the parent's copy (parents first, so the
            // header each re-point rewrites is the one its own children are then linked to)
            if (parent != null && moved.containsKey(parent)) VirtualDisks.setParent(f.getValue(), moved.get(parent));
        }
        if (!moved.isEmpty()) {
            txn.touch(vm);
            storage.relocate(moved);
            for (SimDrive d : storage.drives()) if (d.current() != null && moved.containsValue(d.current())) StorageModel.of(lab).given(vm.id(), d.current());
        }
        if (type != STORAGE) lab.moveVm(txn, vm, to);
        String into = job.data("intoPlanned");
        PlannedSystems.Planned plan = into == null ? null : SystemDefinitions.planned(lab).find(into);
        if (plan != null) { // the VM takes the planned VM's resource set-up, and the planned VM is used up
            vm.processors(plan.definition().processors());
            vm.memoryMb(plan.definition().memoryMb());
            SystemDefinitions.planned(lab).remove(txn, into);
        }
        StorageModel.of(lab).changed(lab);
    }

    /** Copies a disk file atomically: into a hidden temporary beside the target, then renamed. */
    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Path tmp = to.resolveSibling("." + to.getFileName() + ".migrating");
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
    }

}
