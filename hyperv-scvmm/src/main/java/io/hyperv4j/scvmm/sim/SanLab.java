package io.hyperv4j.scvmm.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The simulator-side handle on a lab's SAN: what the array's own management tool and the cabling
 * do (arrays, ports, RAID groups, pools, LUs, host groups, pairs; hosts' HBAs, links and multipath
 * software), the I/O hosts send (writes to LUs, VMs running from LUs), and what can only be read
 * on the hosts (their event logs). Clients map LUs through root\Microsoft\Windows\Storage or the
 * typed API. Every change runs under the lab lock; a refused one throws {@link SanRefusedException}
 * and changes nothing.
 */
public final class SanLab {
    private static final Duration LOCK = Duration.ofMinutes(1);
    public static final long GIB = 1L << 30;
    /** Hitachi Dynamic Provisioning's page: what a thin LU takes from its pool at a time. */
    public static final long DP_PAGE = 32L << 20;

    private final Lab lab;
    private final SanModel model;

    private SanLab(Lab lab, SanModel model) {
        this.lab = lab;
        this.model = model;
    }

    public static SanLab of(Lab lab) {
        for (SimProvider p : lab.providers().all())
            if (p instanceof WindowsStorageProvider w) return new SanLab(lab, w.model());
        throw new IllegalStateException("the root\\Microsoft\\Windows\\Storage simulator provider is not on the class path");
    }

    public Lab lab() {
        return lab;
    }

    /** Reads the SAN under the lab lock. */
    public <R> R read(Function<SanModel, R> body) {
        return lab.read(LOCK, () -> body.apply(model));
    }

    private void write(java.util.function.Consumer<io.hyperv4j.sim.Txn> body) {
        lab.write(LOCK, txn -> {
            body.accept(txn);
            return null;
        });
    }

    // ---------------------------------------------------------------- arrays

    /** A new array with the given page size and pair copy rate. */
    public ArrayBuilder array(String name, String model, long serial, long pageBytes, long pairCopyBytesPerSecond) {
        write(txn -> this.model.addArray(txn, name, model, serial, pageBytes, pairCopyBytesPerSecond, true));
        return new ArrayBuilder(name);
    }

    /** Changes an existing array's set-up. */
    public ArrayBuilder configure(String array) {
        read(m -> m.array(array));
        return new ArrayBuilder(array);
    }

    /** What the array's management tool builds: ports, RAID groups, pools, LUs, host groups. */
    public final class ArrayBuilder {
        private final String array;

        private ArrayBuilder(String array) {
            this.array = array;
        }

        public ArrayBuilder port(String id, int controller, String address, long bitsPerSecond) {
            write(txn -> model.addPort(txn, model.array(array), id, controller, address, bitsPerSecond));
            return this;
        }

        /** A RAID group for fixed LUs. */
        public ArrayBuilder raidGroup(int id, RaidLevel level, int drives, long driveBytes) {
            write(txn -> model.addRaidGroup(txn, model.array(array), id, level, drives, driveBytes, null));
            return this;
        }

        /** A Dynamic Provisioning pool built on one RAID group. */
        public ArrayBuilder pool(int id, String name, int raidGroup, RaidLevel level, int drives, long driveBytes) {
            write(txn -> {
                SimArray a = model.array(array);
                model.addPool(txn, a, id, name);
                model.addRaidGroup(txn, a, raidGroup, level, drives, driveBytes, id);
            });
            return this;
        }

        /** A fixed LU on a RAID group. */
        public ArrayBuilder lu(String name, long bytes, int raidGroup) {
            createLu(array, name, bytes, false, raidGroup);
            return this;
        }

        /** A thin (virtual) LU in a pool. */
        public ArrayBuilder thinLu(String name, long bytes, int pool) {
            createLu(array, name, bytes, true, pool);
            return this;
        }

        /** A host group: the LUs (by name, host LUNs from 0) shown to the initiators through the ports. */
        public ArrayBuilder hostGroup(String friendlyName, List<String> ports, List<String> initiators, String... lus) {
            write(txn -> {
                SimArray a = model.array(array);
                List<Integer> numbers = Arrays.stream(lus).map(n -> luNumber(a, n)).toList();
                model.createHostGroup(txn, a, friendlyName, ports, initiators, StorageRenderer.HOST_TYPE_WINDOWS, numbers, List.of());
            });
            return this;
        }

        /** The controllers' firmware (microcode) version, e.g. "0893/A"; not blank. */
        public ArrayBuilder firmware(String version) {
            if (version == null || version.isBlank()) throw new IllegalArgumentException("array " + array + ": a firmware version must not be blank");
            write(txn -> {
                SimArray a = model.array(array);
                txn.touch(a);
                a.firmware = version;
            });
            return this;
        }

        /** Whether a VDS hardware provider supports this array (SAN transfer needs one). */
        public ArrayBuilder vdsHardwareProvider(boolean supported) {
            write(txn -> {
                SimArray a = model.array(array);
                txn.touch(a);
                a.vdsHardwareProvider = supported;
            });
            return this;
        }
    }

    static int luNumber(SimArray a, String name) {
        for (SimLu l : a.lus.values()) if (l.name.equalsIgnoreCase(name) || StorageRenderer.luName(l.number).equalsIgnoreCase(name)) return l.number;
        throw new SanRefusedException(SanRefusal.VIRTUAL_DISK_NOT_FOUND, "array " + a.name + " has no LU named " + name);
    }

    /** Creates an LU (fixed on a RAID group or thin in a pool) and returns its number. */
    public int createLu(String array, String name, long bytes, boolean thin, int place) {
        return lab.write(LOCK, txn -> model.createLu(txn, model.array(array), name, bytes, thin, place).number);
    }

    /**
     * An LU's throughput and IOPS, as its link on the lab's fabric has them: SAN transfers' saves
     * and restores and any other I/O on it share them (by default the storage model's read rate, no
     * IOPS limit). Checked before anything changes; saved with the lab.
     *
     * @param array          the array
     * @param lu             the LU's number
     * @param bytesPerSecond throughput, positive and finite
     * @param iops           operations per second, positive ({@link Double#POSITIVE_INFINITY} for no limit)
     */
    public void luPerformance(String array, int lu, double bytesPerSecond, double iops) {
        new io.hyperv4j.substrate.FlowNetwork.Link(array + "/" + lu, bytesPerSecond, iops);
        write(txn -> {
            SimLu l = model.array(array).lu(lu);
            txn.touch(l);
            l.bytesPerSecond = bytesPerSecond;
            l.iops = iops;
            String link = io.hyperv4j.sim.Fabric.storage(array + "/" + lu);
            if (lab.fabric().link(link) != null) lab.fabric().link(link, bytesPerSecond, iops); // flows on it re-shared from now
        });
    }

    /**
     * The VM's disk files live on the LU (a Cluster Shared Volume's or a volume of its own): its
     * guest's writes reach the LU from now, each drive's data in an extent of whole pages placed at
     * its first write (a thin LU takes pool pages, a paired primary mirrors them, a split one marks
     * them changed for the resync).
     *
     * @param array the array
     * @param lu    the LU's number
     * @param vmId  the VM
     */
    public void vmFilesOn(String array, int lu, String vmId) {
        write(txn -> model.vmFilesOn(txn, model.array(array), lu, vmId));
    }

    /**
     * An LU's number from its name.
     *
     * @param array the array
     * @param name  the LU's name
     * @return its number
     */
    public int luNumber(String array, String name) {
        return read(m -> luNumber(m.array(array), name));
    }

    /** Adds drives to a RAID group; a pool's RAID group grows the pool. */
    public void addDrives(String array, int raidGroup, int drives) {
        write(txn -> model.addDrives(txn, model.array(array), raidGroup, drives));
    }

    /** A host writes to an LU (thin LUs take pool pages; refused past the pool's physical capacity). */
    public void write(String array, int lu, long offset, long length) {
        write(txn -> model.write(txn, model.array(array), lu, offset, length));
    }

    // ---------------------------------------------------------------- hosts

    /** Gives a lab host HBA ports or iSCSI initiators and its multipath software. */
    public void attachHost(String host, MpioDriver mpio, String... initiators) {
        write(txn -> {
            HostSan h = model.attachHost(txn, host, mpio);
            for (String i : initiators) model.addInitiator(txn, h, i);
        });
    }

    /** Cables and zones one initiator of a host to an array port (false: unplugs it; paths are lost). */
    public void link(String host, String initiator, String array, String port, boolean linked) {
        write(txn -> model.link(txn, model.requireHost(host), initiator, model.array(array), port, linked));
    }

    public void mpio(String host, MpioDriver driver) {
        write(txn -> {
            HostSan h = model.requireHost(host);
            txn.touch(h);
            h.mpio = driver;
        });
    }

    /** The host's rescan (what UpdateHostStorageCache does). */
    public void rescan(String host) {
        write(txn -> model.rescan(txn, model.requireHost(host)));
    }

    /** A VM registered on the host runs from the LU; refused unless the host sees it and no other host runs a VM from it. */
    public void runVmFrom(String host, String array, int lu, String vmId) {
        write(txn -> model.runVmFrom(txn, model.requireHost(host), model.array(array), lu, vmId));
    }

    public void releaseVm(String host, String vmId) {
        write(txn -> model.releaseVm(txn, model.requireHost(host), vmId));
    }

    public List<HostEvent> events(String host) {
        return read(m -> List.copyOf(m.requireHost(host).events));
    }

    // ---------------------------------------------------------------- pairs

    public void createPair(String array, String name, int primary, int secondary) {
        write(txn -> model.createPair(txn, model.array(array), name, primary, secondary));
    }

    public void split(String array, String pair) {
        write(txn -> model.split(txn, model.array(array), pair(model.array(array), pair)));
    }

    public void resync(String array, String pair) {
        write(txn -> model.resync(txn, model.array(array), pair(model.array(array), pair)));
    }

    public PairState pairState(String array, String pair) {
        return lab.read(LOCK, () -> pair(model.array(array), pair).state(lab.clock().now()));
    }

    private static SimPair pair(SimArray a, String name) {
        SimPair p = a.pairs.get(name);
        if (p == null) throw new SanRefusedException(SanRefusal.INVALID_PARAMETER, "array " + a.name + " has no pair named " + name);
        return p;
    }

    /** The SAN's whole state as JSON (what the lab file keeps): compare two to prove a refusal changed nothing. */
    public String snapshot() {
        return read(m -> {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            SanLabFile.save(m, n);
            return n.toString();
        });
    }
}
