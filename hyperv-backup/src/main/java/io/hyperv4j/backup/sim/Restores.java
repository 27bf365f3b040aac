package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.cluster.sim.ClusterEngine;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.CsvBackups;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.VmTraits;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Restores of recovery points: checked when asked (the point exists, its files validate, the target
 * can take it), carried out when the job's time has passed. To the original location the VM is
 * turned off and its disks get the point's bytes; a clustered VM's configuration resource is then
 * Failed (21502, 1069) until brought online. To a host, a new VM that is not a cluster resource;
 * to a folder, the disks flattened and the configuration.
 */
final class Restores implements JobHandler {
    private final BackupLab backup;
    private final Lab lab;
    private final Map<String, Request> pending = new HashMap<>();

    /** The job's data key naming the VM the restore puts back (the original's id, or the new VM's on a host). */
    static final String RESTORED_VM = "restoredVm";

    /** A restore under way: what it puts back where, and its bytes' flow (to {@code host}: the protected host, or the server for a folder). */
    private record Request(BackupLab.Point point, RestoreTarget target, String vmId, String restoredId, String host, Transfers.Transfer flow) {
    }

    Restores(BackupLab backup, Lab lab) {
        this.backup = backup;
        this.lab = lab;
    }

    SimJob start(String serverHost, String vm, String pointId, RestoreTarget target) {
        return backup.write(txn -> {
            BackupLab.Protected v = backup.requireProtected(vm);
            SimVm live = lab.vm(v.id());
            BackupLab.Point p = restorable(v, pointId);
            switch (target.kind()) {
                case ORIGINAL -> {
                    if (live == null) checkRecreate(v, p); // deleted since: the writer registers it again from the point
                    else {
                        if (p.info().clusterResource() && !CsvBackups.clustered(lab, v.id()))
                            throw BackupLab.refuse(BackupRefusal.CLUSTER_RESOURCE_NOT_FOUND, v.name() + " is no longer a cluster resource"
                                    + " (its role was deleted): restore it to a host's Hyper-V and make it highly available again");
                        // a point that recorded its drives gives the VM back its drives as they were; one from before that cannot
                        if (Config.read(configOf(p)).drives().isEmpty() && backup.disks(live).size() != p.disks().size())
                            throw BackupLab.refuse(BackupRefusal.INVALID_PARAMETER, v.name() + " now has " + backup.disks(live).size()
                                    + " disks and the point " + p.disks().size() + ": restore it to a host or a folder");
                    }
                }
                case HOST -> {
                    if (lab.host(target.host()) == null) throw BackupLab.refuse(BackupRefusal.NOT_FOUND, "no host '" + target.host() + "' in the lab");
                    checkFolder(p, target.folder(), v.name());
                }
                case FOLDER -> checkFolder(p, target.folder(), v.name());
            }
            double mb = backup.restoreMb(v.id(), p);
            Duration d = BackupTimings.restore(p.info().path(), mb);
            // a restore to a host defines a new VM: its id is fixed now, so the job can yield it
            String restoredId = target.kind() == RestoreTarget.Kind.HOST ? lab.random().nextGuid() : v.id();
            SimJob job = lab.jobs().submit(txn, lab.host(serverHost), new SimJob.JobSpec(BackupLab.RESTORE_JOB, 32768 + 2,
                    "restore of " + v.name(), "restore of " + v.name() + " from " + p.info().id() + " to " + target.kind(), false, v.id(), d,
                    Map.of(RESTORED_VM, restoredId)));
            String to = switch (target.kind()) {
                case ORIGINAL -> live != null ? live.host().name() : p.replicaHost();
                case HOST -> target.host();
                case FOLDER -> serverHost;
            };
            // the bytes are a flow from now: alone at the path's restore rate, shared slower (the job's end follows the flow)
            Transfers.Transfer flow = backup.transfers.start(job.id(), io.hyperv4j.sim.SimActivity.BACKUP + "RESTORE/" + p.info().path(),
                    v.id(), to, writesTo(v.id(), target, to), mb, d, Duration.ZERO);
            pending.put(job.id().toUpperCase(Locale.ROOT), new Request(p, target, v.id(), restoredId, to, flow));
            return job;
        });
    }

    /**
     * A VM deleted since the point can go back to its original location only as the point recorded it:
     * its drives' files (a point from before drives were recorded cannot say where), on the host it was
     * backed up on, each drive's folder still there (its volume not gone) with room for the disk.
     */
    private void checkRecreate(BackupLab.Protected v, BackupLab.Point p) {
        List<Drive> drives = Config.read(configOf(p)).drives();
        if (drives.isEmpty() || drives.size() != p.disks().size())
            throw BackupLab.refuse(BackupRefusal.INVALID_PARAMETER, v.name() + " was deleted and point " + p.info().id()
                    + " does not record where its drives' files were: restore it to a host or a folder");
        if (lab.host(p.replicaHost()) == null)
            throw BackupLab.refuse(BackupRefusal.NOT_FOUND, v.name() + " was deleted and its host " + p.replicaHost() + " is no longer in the lab: restore it to a host");
        Map<Path, Long> needed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < drives.size(); i++) {
            Path folder = drives.get(i).path().toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder))
                throw BackupLab.refuse(BackupRefusal.NOT_FOUND, "the original location of " + v.name() + "'s drive " + drives.get(i).path()
                        + " is gone (no folder " + folder + "): restore it to a host or a folder");
            needed.merge(folder, virtualUsed(p.disks().get(i)), Long::sum);
        }
        needed.forEach((folder, bytes) -> {
            long free = free(folder);
            if (free < bytes)
                throw BackupLab.refuse(BackupRefusal.DISK_FULL, "the restore of " + v.name() + " needs " + bytes + " bytes in " + folder + ", which has " + free + " free");
        });
    }

    /**
     * The storage a restore's write crosses on the fabric: the VM's volume (its CSV and the LU under
     * it; a deleted VM's as the SAN recorded it, else the host's disks) for the original location, the
     * receiving host's local disks for a folder there.
     */
    private List<String> writesTo(String vmId, RestoreTarget target, String to) {
        if (target.kind() != RestoreTarget.Kind.ORIGINAL) return backup.volumeLinks.local(to);
        SimVm v = lab.vm(vmId);
        return v != null ? backup.volumeLinks.ofVm(v) : backup.volumeLinks.ofDeleted(vmId, to);
    }

    /** The point, refused when it does not exist or it or a point it builds on is damaged. */
    BackupLab.Point restorable(BackupLab.Protected v, String pointId) {
        List<BackupLab.Point> points = backup.pointsOf(v.id());
        BackupLab.Point p = points.stream().filter(x -> x.info().id().equalsIgnoreCase(pointId)).findFirst()
                .orElseThrow(() -> BackupLab.refuse(BackupRefusal.NOT_FOUND, "no recovery point '" + pointId + "' of " + v.name()
                        + "; it has " + points.stream().map(x -> x.info().id()).toList()));
        BackupStore.damage(p.info().files()).ifPresent(why -> {
            throw BackupLab.refuse(BackupRefusal.FILE_CORRUPT, "recovery point " + p.info().id() + " of " + v.name() + " cannot be restored: " + why);
        });
        checkChainBelow(v.id(), p);
        components(v, p);
        return p;
    }

    /**
     * InitializeForRestore from the point's own Backup Components Document: the components it holds as
     * backed up, refused (naming the point and the file, nothing changed) when the document is missing,
     * is not one, or does not hold the VM (for a host-level point, the Hyper-V writer's component named
     * by the VM's GUID). The restore depends on what the backup recorded, not on the VM as it is now.
     */
    BackupDocument.Contents components(BackupLab.Protected v, BackupLab.Point p) {
        Path file = BackupStore.document(configOf(p), p.info().id());
        String why;
        try {
            BackupDocument.Contents doc = BackupDocument.read(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
            java.util.Set<String> held = doc.succeeded();
            if (hostLevel(p) ? held.contains(vmComponent(v.id())) : !held.isEmpty()) return doc;
            why = file + " holds no backed-up component of " + v.name() + (hostLevel(p) ? " (the Hyper-V writer's " + v.id() + ")" : "") + "; it holds " + held;
        } catch (java.nio.file.NoSuchFileException e) {
            why = "its Backup Components Document " + file + " is missing";
        } catch (IOException e) {
            why = "its Backup Components Document " + file + " cannot be read: " + e.getMessage();
        } catch (io.hyperv4j.backup.vss.VssException e) {
            why = "its Backup Components Document " + file + " is damaged: " + e.getMessage();
        }
        throw BackupLab.refuse(BackupRefusal.FILE_CORRUPT, "recovery point " + p.info().id() + " of " + v.name() + " cannot be restored: " + why);
    }

    /** Whether the point is a host-level backup's (its document holds the Hyper-V writer's component of the VM). */
    static boolean hostLevel(BackupLab.Point p) {
        return p.info().path() != io.hyperv4j.backup.BackupPath.GUEST_AGENT;
    }

    /** The Hyper-V writer's component of a VM, as a document's {@link BackupDocument#key}: named by the VM's GUID. */
    static String vmComponent(String vmId) {
        return BackupDocument.key(io.hyperv4j.backup.vss.HyperVWriter.WRITER_ID, vmId);
    }

    /** The point's configuration: its last file. */
    static Path configOf(BackupLab.Point p) {
        return p.info().files().get(p.info().files().size() - 1);
    }

    /** Every point below an express full must be intact too: its file's parent is the earlier point's. */
    private void checkChainBelow(String vmId, BackupLab.Point p) {
        for (BackupLab.Point q : backup.pointsOf(vmId)) {
            if (q == p) return;
            BackupStore.damage(q.info().files()).ifPresent(why -> {
                throw BackupLab.refuse(BackupRefusal.FILE_CORRUPT, "recovery point " + p.info().id() + " builds on " + q.info().id() + ", which is damaged: " + why);
            });
        }
    }

    private void checkFolder(BackupLab.Point p, Path folder, String vm) {
        if (!Files.isDirectory(folder)) throw BackupLab.refuse(BackupRefusal.INVALID_PARAMETER, "the restore folder " + folder + " does not exist or is not a folder");
        if (!Files.isWritable(folder)) throw BackupLab.refuse(BackupRefusal.ACCESS_DENIED, "the restore folder " + folder + " cannot be written");
        try { // what the file system says, not the mode bits (an administrator passes those, not a read-only volume)
            Files.delete(Files.createTempFile(folder, ".hyperv4j-restore-probe", ".tmp"));
        } catch (IOException e) {
            throw BackupLab.refuse(BackupRefusal.ACCESS_DENIED, "the restore folder " + folder + " cannot be written: " + e);
        }
        long needed = 0;
        for (Path d : p.disks()) needed += virtualUsed(d);
        long free = free(folder);
        if (free < needed)
            throw BackupLab.refuse(BackupRefusal.DISK_FULL, "the restore of " + vm + " needs " + needed + " bytes in " + folder + ", which has " + free + " free");
        for (int i = 0; i < p.disks().size(); i++)
            if (Files.exists(target(folder, vm, i)))
                throw BackupLab.refuse(BackupRefusal.INVALID_PARAMETER, target(folder, vm, i) + " exists; the restore does not overwrite files");
    }

    /** The folder's free space: what a test gave it ({@link BackupLab#folderCapacity}) less its files, else its file store's. */
    private long free(Path folder) {
        Long cap = backup.capacityOf(folder);
        try {
            return cap != null ? cap - used(folder) : Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the free space of " + folder, e);
        }
    }

    /** Upper bound of what the flattened disk takes: the sizes of its chain's files. */
    private static long virtualUsed(Path disk) {
        long n = 0;
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            for (VirtualDisk x = d; x != null; x = x.parent().orElse(null)) n += Files.size(x.path());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + disk, e);
        }
        return n;
    }

    private static long used(Path folder) {
        try (var s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + folder, e);
        }
    }

    static Path target(Path folder, String vm, int disk) {
        return folder.resolve(BackupStore.safe(vm) + "-disk" + disk + ".vhdx");
    }

    /** The restores under way, for the lab file: each job's point, target and its flow's bytes left. */
    void save(com.fasterxml.jackson.databind.node.ArrayNode into) {
        pending.forEach((job, r) -> {
            var o = into.addObject().put("job", job).put("vmId", r.vmId()).put("point", r.point().info().id()).put("kind", r.target().kind().name())
                    .put("restoredId", r.restoredId()).put("host", r.host());
            if (r.target().host() != null) o.put("targetHost", r.target().host());
            if (r.target().folder() != null) o.put("folder", r.target().folder().toString());
            if (r.flow() != null) r.flow().save(o.putObject("transfer"));
        });
    }

    /**
     * The restores a lab file had under way, again: each job's request, and its flow's bytes left on the
     * fabric at the demand it had (scheduled once every provider has loaded: the fabric's links, the cluster).
     */
    void load(com.fasterxml.jackson.databind.JsonNode saved) {
        for (var x : saved) {
            String job = x.path("job").asText(), vmId = x.path("vmId").asText();
            BackupLab.Point p = backup.pointsOf(vmId).stream().filter(q -> q.info().id().equals(x.path("point").asText())).findFirst().orElse(null);
            if (p == null) continue; // the job finds no request and ends without restoring: the point is gone
            RestoreTarget target = switch (RestoreTarget.Kind.valueOf(x.path("kind").asText())) {
                case ORIGINAL -> RestoreTarget.original();
                case HOST -> RestoreTarget.host(x.path("targetHost").asText(), Path.of(x.path("folder").asText()));
                case FOLDER -> RestoreTarget.folder(Path.of(x.path("folder").asText()));
            };
            String host = x.path("host").asText();
            Request r = new Request(p, target, vmId, x.path("restoredId").asText(), host, null);
            pending.put(job, r);
            if (x.has("transfer")) lab.clock().scheduleAt(lab.clock().now(), at -> backup.change(txn -> {
                if (pending.get(job) != r) return;
                writesTo(vmId, target, host); // the storage links, for the bytes left
                pending.put(job, new Request(p, target, vmId, r.restoredId(), host, backup.transfers.resume(job, vmId, host, x.get("transfer"), txn.now())));
            }));
        }
    }

    @Override
    public void complete(Txn txn, SimJob job) {
        Request r = pending.remove(job.id().toUpperCase(Locale.ROOT));
        if (r == null) return;
        if (r.flow() != null) r.flow().close(txn.now()); // the restore's bytes have moved: its flow leaves the fabric with the job
        try {
            switch (r.target().kind()) {
                case ORIGINAL -> original(txn, r);
                case HOST -> toHost(txn, r);
                case FOLDER -> toFolder(r);
            }
        } catch (RuntimeException e) {
            lab.jobs().fail(txn, job, 32768, "The restore failed.", "the restore of " + r.point().info().vm() + " failed: " + e.getMessage());
        }
    }

    @Override
    public void cancelled(Txn txn, SimJob job) {
        Request r = pending.remove(job.id().toUpperCase(Locale.ROOT));
        if (r != null && r.flow() != null) r.flow().close(txn.now());
    }

    /**
     * The Hyper-V writer's phases, as a VSS requester drives them after InitializeForRestore with the
     * point's document (read again now: one damaged since the job started fails it before anything
     * changes): PreRestore, the files put back, PostRestore.
     */
    private void original(Txn txn, Request r) {
        WriterRestore writer = backup.writerRestore;
        BackupDocument.Contents document = components(new BackupLab.Protected(r.vmId(), r.point().info().vm()), r.point());
        try {
            writer.preRestore(txn, r.vmId(), document);
            writer.putBack(txn, r.vmId(), r.point());
            writer.postRestore(txn, r.vmId());
        } catch (WriterRestore.WriterFailure e) {
            writer.abandon(r.vmId());
            throw new IllegalStateException(e.getMessage() + " (" + e.state + ", " + e.error + ")", e);
        } catch (RuntimeException | Error e) {
            writer.abandon(r.vmId());
            throw e;
        }
    }

    /** A drive as the point recorded it: its id, disk id, controller and location, and the file it held. */
    record Drive(String id, String diskId, String controllerId, int location, Path path) {
    }

    /** The VM's configuration as the point kept it (its drives: empty for a point made before they were recorded). */
    record Config(String name, int processors, long memoryMb, List<Drive> drives) {
        static Config read(Path file) {
            try {
                var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
                if (!n.path("ProcessorCount").canConvertToInt() || !n.path("MemoryStartupBytes").canConvertToLong())
                    throw new IllegalStateException("the configuration " + file + " has no ProcessorCount or MemoryStartupBytes");
                List<Drive> drives = new ArrayList<>();
                for (var d : n.path("HardDrives"))
                    drives.add(new Drive(d.path("Id").asText(), d.path("DiskId").asText(), d.path("ControllerId").asText(),
                            d.path("ControllerLocation").asInt(), Path.of(d.path("Path").asText())));
                return new Config(n.path("Name").asText(null), n.get("ProcessorCount").asInt(), n.get("MemoryStartupBytes").asLong() / (1024 * 1024),
                        List.copyOf(drives));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the configuration " + file, e);
            }
        }
    }

    private void toFolder(Request r) {
        List<Path> disks = r.point().disks();
        Path folder = r.target().folder();
        for (int i = 0; i < disks.size(); i++) BackupStore.flatten(disks.get(i), target(folder, r.point().info().vm(), i));
        Path config = configOf(r.point());
        try {
            Path tmp = folder.resolve("." + r.point().info().vm() + ".json.tmp");
            Files.copy(config, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, folder.resolve(BackupStore.safe(r.point().info().vm()) + "-config.json"),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the configuration into " + folder, e);
        }
    }

    private void toHost(Txn txn, Request r) {
        toFolder(r);
        SimHost host = lab.host(r.target().host());
        SimVm source = lab.vm(r.vmId());
        SimVm vm = lab.createVm(txn, host, r.restoredId(), r.point().info().vm(), txn.now());
        if (source != null) {
            vm.processors(source.processors());
            vm.memoryMb(source.memoryMb());
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < r.point().disks().size(); i++) files.add(target(r.target().folder(), r.point().info().vm(), i));
        BackupTemplates.attach(lab, vm, files);
        keepOnItsSharedVolume(r.vmId(), vm, host);
    }

    /**
     * A host-level recovery puts the VM back in the folder it came from; on a node of the cluster
     * whose shared volume held that folder, the files are still on the CSV, so the VM can be made a
     * clustered role again (the paper's step after a deleted resource: restore to Hyper-V Manager on a
     * host, then re-register it in the cluster).
     */
    private void keepOnItsSharedVolume(String sourceId, SimVm vm, SimHost host) {
        ClusterEngine e = ClusterLab.of(lab).engine();
        SimCluster c = e.clusterOf(host.name());
        VmTraits was = e.traits(sourceId);
        if (c == null || c.csvHolding(was.configPath()) == null) return;
        e.traits(vm.id()).configPath(was.configPath()).switchName(was.switchName());
    }
}
