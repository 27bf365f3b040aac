package io.hyperv4j.perf.sim;

import io.hyperv4j.sim.SimActivity;

/**
 * The load a VM move puts on its two hosts, in physical terms, for the three methods of seed 000.
 * Each model places its activities on the hosts and the VM's steps on its timeline from a start
 * time, and returns the move's end (what a management console shows as its end). Durations follow
 * from sizes and throughputs, so a bigger VM or a slower network gives a longer, different window.
 * The cluster and management modules use these when they run moves in the simulator.
 */
public final class MoveLoads {
    private MoveLoads() {
    }

    /** Processor cost of an activity on a host: root (management OS) and hypervisor logical processors. */
    public record Cpu(double rootLp, double hypervisorLp) {
    }

    /**
     * Live migration: the memory is copied over {@code nic} while the VM runs on the source, the
     * destination holding the prepared VM's memory from the start; then a blackout (VM paused on
     * the destination while the last pages go), then the VM runs on the destination.
     */
    public record LiveMigration(String nic, double bytesPerSecond, long blackoutMillis, Cpu source, Cpu destination) {
        /**
         * Puts the migration's load on both hosts and its timeline on the VM.
         *
         * @param src                the source host
         * @param dst                the destination host
         * @param vm                 the VM moved
         * @param rootMemoryChargeMb the VM's charge against the destination's Available MBytes
         * @param start              when the move starts, in the model's milliseconds
         * @return when the move ends
         */
        public long apply(HostModel src, HostModel dst, VmModel vm, double rootMemoryChargeMb, long start) {
            long copyEnd = start + Math.round(vm.memoryMb() * 1048576.0 / bytesPerSecond * 1000);
            long end = copyEnd + blackoutMillis;
            vm.at(copyEnd, dst.name(), VmPresence.PAUSED).at(end, dst.name(), VmPresence.RUNNING);
            src.add(new Transfer("live migration: send memory", start, copyEnd).cpu(source.rootLp, source.hypervisorLp)
                    .send(src.spec().nicIndex(nic), bytesPerSecond, 0));
            src.add(new Transfer("live migration: hold source memory until switch-over", copyEnd, end)
                    .cpu(source.rootLp, source.hypervisorLp).memory(rootMemoryChargeMb, 0, 0));
            dst.add(new Transfer("live migration: receive memory into the prepared VM", start, copyEnd)
                    .cpu(destination.rootLp, destination.hypervisorLp).memory(rootMemoryChargeMb, 0, 0)
                    .receive(dst.spec().nicIndex(nic), bytesPerSecond));
            dst.add(new Transfer("live migration: switch-over", copyEnd, end).cpu(destination.rootLp, destination.hypervisorLp));
            return end;
        }

        /**
         * The load one phase of a live migration that the simulator runs puts on {@code host} (its
         * source or destination), or null when the phase does not load that host. The lab publishes
         * the phases and their timing ({@link SimActivity}); this model gives their
         * cost: the destination holds the VM's memory from setup to the switch; the copy and the
         * pause send the pages over the lab's network (the host's adapter of that name, else
         * {@link #nic()}, else its first); both hosts spend {@link #source()} / {@link #destination()}
         * processor time while pages move and the source while it releases the VM.
         *
         * @param a                  the phase, as the lab published it
         * @param host               the host to load
         * @param rootMemoryChargeMb the VM's charge against Available MBytes
         * @return the phase's load on {@code host}, or null
         */
        public Transfer phase(SimActivity a, HostModel host, double rootMemoryChargeMb) {
            boolean sending = a.fromHost().equalsIgnoreCase(host.name());
            long start = a.start().toEpochMilli(), end = a.end().toEpochMilli();
            if (end <= start) return null;
            Transfer t = new Transfer("live migration: " + a.kind() + (sending ? " (source)" : " (destination)"), start, end);
            int nic = nicFor(host.spec(), a.network(), this.nic);
            switch (a.kind()) {
                case SimActivity.LIVE_MIGRATION_SETUP -> {
                    if (sending) return null;
                    return t.cpu(destination.rootLp, destination.hypervisorLp).memory(rootMemoryChargeMb, 0, 0);
                }
                case SimActivity.LIVE_MIGRATION_COPY, SimActivity.LIVE_MIGRATION_BLACKOUT -> {
                    return sending ? t.cpu(source.rootLp, source.hypervisorLp).send(nic, a.bytesPerSecond(), 0)
                            : t.cpu(destination.rootLp, destination.hypervisorLp).memory(rootMemoryChargeMb, 0, 0).receive(nic, a.bytesPerSecond());
                }
                case SimActivity.LIVE_MIGRATION_CLEANUP -> {
                    return sending ? t.cpu(source.rootLp, source.hypervisorLp) : null;
                }
                default -> {
                    return null;
                }
            }
        }

    }

    /** The host's adapter named {@code network}, else {@code nic}, else its first: a lab host's adapters need not be the paper's. */
    static int nicFor(HostSpec spec, String network, String nic) {
        for (String name : new String[]{network, nic}) {
            for (int i = 0; i < spec.nics().size(); i++) if (spec.nics().get(i).name().equalsIgnoreCase(name)) return i;
        }
        return 0;
    }

    /** The host's disk named {@code disk}, else its first (a lab host may have only its system disk). */
    static int diskFor(HostSpec spec, String disk) {
        for (int i = 0; i < spec.disks().size(); i++) if (spec.disks().get(i).equalsIgnoreCase(disk)) return i;
        return 0;
    }

    /**
     * SAN transfer: job preparation while the VM runs; saving its state to its LU; remapping the LU
     * to the destination; restoring there; then the job's own tail. The outage runs from the save
     * to the end of the restore.
     */
    public record SanTransfer(String luDisk, long prepareMillis, double saveBytesPerSecond, long remapMillis,
                              double restoreBytesPerSecond, long tailMillis, Cpu saveAndRestore) {
        /**
         * Puts the transfer's load on both hosts and its timeline on the VM.
         *
         * @param src   the source host
         * @param dst   the destination host
         * @param vm    the VM moved
         * @param start when the move starts, in the model's milliseconds
         * @return when the move ends
         */
        public long apply(HostModel src, HostModel dst, VmModel vm, long start) {
            double stateBytes = vm.memoryMb() * 1048576.0;
            long save = start + prepareMillis;
            long remap = save + Math.round(stateBytes / saveBytesPerSecond * 1000);
            long restore = remap + remapMillis;
            long running = restore + Math.round(stateBytes / restoreBytesPerSecond * 1000);
            vm.at(save, src.name(), VmPresence.ABSENT).at(running, dst.name(), VmPresence.RUNNING);
            double io = 262144;
            src.add(new Transfer("SAN transfer: save state to the LU", save, remap).cpu(saveAndRestore.rootLp, saveAndRestore.hypervisorLp)
                    .write(src.spec().diskIndex(luDisk), saveBytesPerSecond / io, io, 0.006));
            dst.add(new Transfer("SAN transfer: restore state from the LU", restore, running).cpu(saveAndRestore.rootLp, saveAndRestore.hypervisorLp)
                    .read(dst.spec().diskIndex(luDisk), restoreBytesPerSecond / io, io, 0.004));
            return running + tailMillis;
        }

        /**
         * The load one phase of a SAN transfer the simulator runs ({@link SimActivity#SAN_TRANSFER})
         * puts on {@code host}, or null when the phase does not load it: the source writes the VM's
         * state to the LU over {@code SaveState}, the destination reads it back over {@code RestoreState}, at
         * the state's size over the phase's length (the lab's storage model gives the timing); both
         * spend {@link #saveAndRestore()} processor time while they do.
         *
         * @param a          the phase, as the lab published it
         * @param host       the host to load
         * @param stateBytes the VM's saved state (its memory), in bytes
         * @return the phase's load on {@code host}, or null
         */
        public Transfer phase(SimActivity a, HostModel host, double stateBytes) {
            long start = a.start().toEpochMilli(), end = a.end().toEpochMilli();
            if (end <= start) return null;
            boolean source = a.fromHost().equalsIgnoreCase(host.name());
            double rate = a.bytesPerSecond() > 0 ? a.bytesPerSecond() : stateBytes / ((end - start) / 1000.0);
            String phase = a.kind().substring(SimActivity.SAN_TRANSFER.length());
            Transfer t = new Transfer("SAN transfer: " + phase + (source ? " (source)" : " (destination)"), start, end)
                    .cpu(saveAndRestore.rootLp, saveAndRestore.hypervisorLp);
            if (phase.equals(SimActivity.SAVE_STATE) && source) return stateIo(t, diskFor(host.spec(), luDisk), true, rate);
            if (phase.equals(SimActivity.RESTORE_STATE) && !source) return stateIo(t, diskFor(host.spec(), luDisk), false, rate);
            return null;
        }

        /**
         * The load a VM's own save or restore puts on the host doing it ({@link SimActivity#STATE_SAVE},
         * {@link SimActivity#STATE_RESTORE}: a v2 save or restore, a quick migration's save or restore),
         * costed as this transfer's {@code SaveState} / {@code RestoreState}: writes or reads at the
         * activity's rate on the disk holding the state (the host's first disk for its own disks,
         * {@code storage:HOST/LOCAL}; else {@link #luDisk()}, the shared volume or LU), with
         * {@link #saveAndRestore()} processor time.
         *
         * @param a    the save or restore, as the lab published it
         * @param host the host doing it
         * @return its load on {@code host}, or null when it does not load it
         */
        public Transfer state(SimActivity a, HostModel host) {
            long start = a.start().toEpochMilli(), end = a.end().toEpochMilli();
            boolean save = a.kind().equals(SimActivity.STATE_SAVE);
            if (end <= start || !a.fromHost().equalsIgnoreCase(host.name()) || !save && !a.kind().equals(SimActivity.STATE_RESTORE)) return null;
            boolean local = a.network().equals(io.hyperv4j.sim.Fabric.storage(a.fromHost() + "/local"));
            Transfer t = new Transfer(a.kind() + " on " + a.network(), start, end).cpu(saveAndRestore.rootLp, saveAndRestore.hypervisorLp);
            return stateIo(t, local ? 0 : diskFor(host.spec(), luDisk), save, a.bytesPerSecond());
        }

        /** A memory image written to ({@code save}) or read from a disk at {@code rate}, in 256 KiB I/Os. */
        private static Transfer stateIo(Transfer t, int disk, boolean save, double rate) {
            double io = 262144;
            return save ? t.write(disk, rate / io, io, 0.006) : t.read(disk, rate / io, io, 0.004);
        }

        /**
         * When the VM stopped answering and when it answered again, for a move started at {@code start}.
         *
         * @param vm    the VM moved
         * @param start when the move starts
         * @return two times: the outage's start and end
         */
        public long[] outage(VmModel vm, long start) {
            double stateBytes = vm.memoryMb() * 1048576.0;
            long save = start + prepareMillis;
            long running = save + Math.round(stateBytes / saveBytesPerSecond * 1000) + remapMillis
                    + Math.round(stateBytes / restoreBytesPerSecond * 1000);
            return new long[]{save, running};
        }
    }

    /**
     * Network transfer (BITS): the disks are copied between the hosts' disks over {@code nic} while
     * the VM runs, then the VM is saved and its state copied the same way, and it is restored on
     * the destination. The copy's reads page in through the cache manager ({@code pagesPerMb}) and
     * queue on the source disk; its writes queue on the destination disk.
     */
    public record NetworkTransfer(String disk, String nic, double bytesPerSecond, double pagesPerMb, double readLatencySeconds,
                                  double writeLatencySeconds, Cpu source, Cpu destination, double rootMemoryChargeMb) {
        /**
         * Puts the transfer's load on both hosts and its timeline on the VM.
         *
         * @param src             the source host
         * @param dst             the destination host
         * @param vm              the VM moved
         * @param diskBytes       the bytes of disk copied while the VM runs
         * @param savedStateBytes the bytes of saved state copied during the outage
         * @param start           when the move starts, in the model's milliseconds
         * @return when the move ends
         */
        public long apply(HostModel src, HostModel dst, VmModel vm, double diskBytes, double savedStateBytes, long start) {
            long saved = start + Math.round(diskBytes / bytesPerSecond * 1000);
            long end = saved + Math.round(savedStateBytes / bytesPerSecond * 1000);
            vm.at(saved, src.name(), VmPresence.ABSENT).at(end, dst.name(), VmPresence.RUNNING);
            double io = 65536;
            src.add(new Transfer("network transfer: BITS reads the disks, then the saved state", start, end)
                    .cpu(source.rootLp, source.hypervisorLp).memory(0, 0, pagesPerMb * bytesPerSecond / 1048576)
                    .read(src.spec().diskIndex(disk), bytesPerSecond / io, io, readLatencySeconds)
                    .send(src.spec().nicIndex(nic), bytesPerSecond, 0));
            dst.add(new Transfer("network transfer: BITS writes the copies", start, end).cpu(destination.rootLp, destination.hypervisorLp)
                    .write(dst.spec().diskIndex(disk), bytesPerSecond / io, io, writeLatencySeconds)
                    .receive(dst.spec().nicIndex(nic), bytesPerSecond));
            dst.add(new Transfer("network transfer: register and restore", saved, end)
                    .memory(rootMemoryChargeMb, 0, 0).read(dst.spec().diskIndex(disk), 3, 8192, 0.003));
            return end;
        }

        /**
         * The load one phase of a network transfer the simulator runs ({@link SimActivity#NETWORK_TRANSFER})
         * puts on {@code host}, or null when the phase does not load it. The copies ({@code CopyFiles},
         * {@code CopySavedState}) move bytes at the phase's rate: the source reads them from
         * {@link #disk()} (paging through the cache manager) and sends them on {@link #nic()}, the
         * destination receives and writes them, each spending its processor time; from the saved
         * state's copy to the restore the destination holds the VM's memory and reads its
         * configuration.
         *
         * @param a    the phase, as the lab published it
         * @param host the host to load
         * @return the phase's load on {@code host}, or null
         */
        public Transfer phase(SimActivity a, HostModel host) {
            long start = a.start().toEpochMilli(), end = a.end().toEpochMilli();
            if (end <= start) return null;
            boolean source = a.fromHost().equalsIgnoreCase(host.name());
            String phase = a.kind().substring(SimActivity.NETWORK_TRANSFER.length());
            Transfer t = new Transfer("network transfer: " + phase + (source ? " (source)" : " (destination)"), start, end);
            double rate = a.bytesPerSecond(), io = 65536;
            int d = diskFor(host.spec(), disk), n = nicFor(host.spec(), "", nic);
            boolean copy = phase.equals(SimActivity.COPY_FILES) || phase.equals(SimActivity.COPY_SAVED_STATE);
            if (copy && rate > 0 && source) return t.cpu(this.source.rootLp, this.source.hypervisorLp)
                    .memory(0, 0, pagesPerMb * rate / 1048576).read(d, rate / io, io, readLatencySeconds).send(n, rate, 0);
            boolean restoring = phase.equals(SimActivity.COPY_SAVED_STATE) || phase.equals(SimActivity.IMPORT_VM) || phase.equals(SimActivity.RESTORE_STATE);
            if (source || !(restoring || copy && rate > 0)) return null;
            if (copy && rate > 0) t.cpu(destination.rootLp, destination.hypervisorLp).write(d, rate / io, io, writeLatencySeconds).receive(n, rate);
            return restoring ? t.memory(rootMemoryChargeMb, 0, 0).read(d, 3, 8192, 0.003) : t;
        }
    }
}
