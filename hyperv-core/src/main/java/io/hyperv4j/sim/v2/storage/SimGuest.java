package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The guest OS of a simulated VM as far as its disks go: writes land in the drive's current file
 * (so checkpoints, applies and merges are seen exactly as a real guest would see them). Drives are
 * numbered in the order {@link VmStorage#drives()} lists them. Writes need the VM running.
 */
public final class SimGuest {
    private static final Duration LOCK = Duration.ofSeconds(30);
    private final Lab lab;
    private final String vmId;

    private SimGuest(Lab lab, String vmId) {
        this.lab = lab;
        this.vmId = vmId;
    }

    public static SimGuest of(Lab lab, String vmId) {
        return new SimGuest(lab, vmId);
    }

    /** Writes {@code data} at byte {@code offset} of drive {@code drive}. */
    public void write(int drive, long offset, byte[] data) {
        lab.write(LOCK, txn -> {
            SimVm vm = requireVm();
            if (vm.state() != PowerState.RUNNING)
                throw new IllegalStateException("the guest of " + vm.name() + " is not running (" + vm.state() + ")");
            VmStorage st = StorageModel.of(lab).vm(vmId);
            String id = driveId(st, drive);
            StorageModel.of(lab).guestWriting(txn, st, id, offset, data.length); // the storage under the files first: it may refuse
            st.guestWrite(id, offset, data);
            return null;
        });
    }

    /** What drive {@code drive} holds now (what the guest reads, or will read when it next runs). */
    public byte[] read(int drive, long offset, int length) {
        return lab.read(LOCK, () -> {
            requireVm();
            VmStorage st = StorageModel.of(lab).vm(vmId);
            return st.guestRead(driveId(st, drive), offset, length);
        });
    }

    /**
     * A small deterministic workload: {@code writes} writes of 1..maxLength bytes at random offsets
     * below {@code span}, drawn from {@code seed}. Returns what was written, in order.
     */
    public List<Write> workload(int drive, long seed, int writes, int maxLength, long span) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Write> done = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            int len = 1 + r.nextInt(maxLength);
            long off = r.nextLong(Math.max(1, span - len));
            byte[] data = new byte[len];
            r.nextBytes(data);
            write(drive, off, data);
            done.add(new Write(off, data));
        }
        return done;
    }

    /** One guest write. */
    public record Write(long offset, byte[] data) {}

    private SimVm requireVm() {
        SimVm vm = lab.vm(vmId);
        if (vm == null) throw new IllegalArgumentException("no VM " + vmId + " in the lab");
        return vm;
    }

    private static String driveId(VmStorage st, int drive) {
        List<SimDrive> withDisks = new ArrayList<>();
        for (SimDrive d : st.drives()) if (d.current() != null) withDisks.add(d);
        if (drive < 0 || drive >= withDisks.size())
            throw new IllegalArgumentException("VM " + st.vmId() + " has " + withDisks.size() + " disks; no disk " + drive);
        return withDisks.get(drive).id();
    }
}
