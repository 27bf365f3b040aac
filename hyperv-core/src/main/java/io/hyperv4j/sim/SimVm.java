package io.hyperv4j.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * A simulated virtual machine: the truth its CIM instances are rendered from. Kept small (a few
 * fields, ids derived from the VM's GUID) so a lab holds tens of thousands. Mutate only inside
 * {@link Lab#write}, after {@link Txn#touch touching} it.
 */
public final class SimVm {
    /** Hyper-V's configuration versions; new VMs get the host's default. */
    public static final String DEFAULT_VERSION = "10.0";
    public static final String SUBTYPE_GEN1 = "Microsoft:Hyper-V:SubType:1";
    public static final String SUBTYPE_GEN2 = "Microsoft:Hyper-V:SubType:2";

    private final String id;
    private SimHost host;
    private String name;
    private String notes = "";
    private String subType = SUBTYPE_GEN2;
    private String version = DEFAULT_VERSION;
    private int processors = 1;
    private long memoryMb = 1024;
    private boolean dynamicMemory;
    private PowerState state = PowerState.OFF;
    private int requestedState = 12; // Not Applicable until a state change is requested
    private final Instant created;
    private Instant stateChanged;
    private Instant startedAt;
    private String busyJobId;
    private boolean removed;

    SimVm(String id, SimHost host, String name, Instant created) {
        this.id = Objects.requireNonNull(id, "id");
        this.host = Objects.requireNonNull(host, "host");
        this.name = Objects.requireNonNull(name, "name");
        this.created = created;
        this.stateChanged = created;
    }

    /** The VM's GUID, upper case: {@code Msvm_ComputerSystem.Name}. */
    public String id() { return id; }
    public SimHost host() { return host; }
    void host(SimHost h) { this.host = h; }
    /** {@code ElementName}. */
    public String name() { return name; }
    public void name(String n) { this.name = Objects.requireNonNull(n, "name"); }
    public String notes() { return notes; }
    public void notes(String n) { this.notes = n == null ? "" : n; }
    public String subType() { return subType; }
    public void subType(String s) { this.subType = Objects.requireNonNull(s); }
    public String version() { return version; }
    public void version(String v) { this.version = Objects.requireNonNull(v); }
    public int processors() { return processors; }
    public void processors(int n) { this.processors = n; }
    public long memoryMb() { return memoryMb; }
    public void memoryMb(long mb) { this.memoryMb = mb; }
    public boolean dynamicMemory() { return dynamicMemory; }
    public void dynamicMemory(boolean d) { this.dynamicMemory = d; }
    public PowerState state() { return state; }
    public int requestedState() { return requestedState; }
    public void requestedState(int r) { this.requestedState = r; }
    public Instant created() { return created; }
    public Instant stateChanged() { return stateChanged; }
    /** When the VM last began running (for uptime), or null when it is not running. */
    public Instant startedAt() { return startedAt; }
    /** The job of the operation in flight on this VM, or null: another operation is refused with 32774. */
    public String busyJobId() { return busyJobId; }
    public void busyJobId(String jobId) { this.busyJobId = jobId; }
    public boolean isBusy() { return busyJobId != null; }
    public boolean removed() { return removed; }
    void removed(boolean r) { this.removed = r; }

    /** Changes the power state at {@code at}; uptime runs from the moment the VM comes to life from off or saved. */
    public void state(PowerState next, Instant at) {
        if (next == PowerState.RUNNING && startedAt == null) startedAt = at;
        if (next == PowerState.OFF || next == PowerState.SAVED) startedAt = null;
        this.state = next;
        this.stateChanged = at;
    }

    /** A reset restarts the guest: uptime counts from {@code at}. */
    public void restartUptime(Instant at) {
        this.startedAt = at;
    }

    void restore(PowerState s, Instant changed, Instant started) {
        this.state = s;
        this.stateChanged = changed;
        this.startedAt = started;
    }

    @Override
    public String toString() {
        return "SimVm[" + name + " " + id + " " + state + "]";
    }
}
