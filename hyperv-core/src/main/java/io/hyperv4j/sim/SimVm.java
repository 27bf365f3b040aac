package io.hyperv4j.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A simulated virtual machine: the truth its CIM instances are rendered from. Kept small (a few
 * fields, ids derived from the VM's GUID) so a lab holds tens of thousands. Mutate only inside
 * {@link Lab#write}, after {@link Txn#touch touching} it.
 * <p>Thread-safety: not thread-safe; guarded by the lab lock.
 */
public final class SimVm {
    /** Hyper-V's configuration versions; new VMs get the host's default. */
    public static final String DEFAULT_VERSION = "10.0";
    /** VirtualSystemSubType of a generation 1 VM. */
    public static final String SUBTYPE_GEN1 = "Microsoft:Hyper-V:SubType:1";
    /** VirtualSystemSubType of a generation 2 VM. */
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
    private GuestLoad load = GuestLoad.IDLE;
    private Duration ranBefore = Duration.ZERO; // running time up to the last state change

    SimVm(String id, SimHost host, String name, Instant created) {
        this.id = Objects.requireNonNull(id, "id");
        this.host = Objects.requireNonNull(host, "host");
        this.name = Objects.requireNonNull(name, "name");
        this.created = created;
        this.stateChanged = created;
    }

    /**
     * The VM's GUID, upper case: {@code Msvm_ComputerSystem.Name}.
     *
     * @return the GUID
     */
    public String id() { return id; }
    /**
     * The host it is registered on.
     *
     * @return the host
     */
    public SimHost host() { return host; }
    void host(SimHost h) { this.host = h; }
    /**
     * {@code ElementName}.
     *
     * @return the name
     */
    public String name() { return name; }
    /**
     * Renames it.
     *
     * @param n the new name
     */
    public void name(String n) { this.name = Objects.requireNonNull(n, "name"); }
    /**
     * Its Notes.
     *
     * @return the notes, empty when none
     */
    public String notes() { return notes; }
    /**
     * Sets its Notes.
     *
     * @param n the notes, null meaning none
     */
    public void notes(String n) { this.notes = n == null ? "" : n; }
    /**
     * Its VirtualSystemSubType (the generation).
     *
     * @return the subtype
     */
    public String subType() { return subType; }
    /**
     * Sets its VirtualSystemSubType.
     *
     * @param s the subtype
     */
    public void subType(String s) { this.subType = Objects.requireNonNull(s); }
    /**
     * Its configuration version.
     *
     * @return the version, e.g. "10.0"
     */
    public String version() { return version; }
    /**
     * Sets its configuration version.
     *
     * @param v the version
     */
    public void version(String v) { this.version = Objects.requireNonNull(v); }
    /**
     * Its virtual processors.
     *
     * @return the count
     */
    public int processors() { return processors; }
    /**
     * Sets its virtual processors.
     *
     * @param n the count
     */
    public void processors(int n) { this.processors = n; }
    /**
     * Its memory.
     *
     * @return the memory in MB
     */
    public long memoryMb() { return memoryMb; }
    /**
     * Sets its memory.
     *
     * @param mb the memory in MB
     */
    public void memoryMb(long mb) { this.memoryMb = mb; }
    /**
     * Whether dynamic memory is on.
     *
     * @return whether it is on
     */
    public boolean dynamicMemory() { return dynamicMemory; }
    /**
     * Turns dynamic memory on or off.
     *
     * @param d whether it is on
     */
    public void dynamicMemory(boolean d) { this.dynamicMemory = d; }
    /**
     * Its power state.
     *
     * @return the state
     */
    public PowerState state() { return state; }
    /**
     * Its RequestedState (12 Not Applicable until a change is requested).
     *
     * @return the value
     */
    public int requestedState() { return requestedState; }
    /**
     * Sets its RequestedState.
     *
     * @param r the value
     */
    public void requestedState(int r) { this.requestedState = r; }
    /**
     * When it was defined.
     *
     * @return the time
     */
    public Instant created() { return created; }
    /**
     * When its power state last changed (TimeOfLastStateChange).
     *
     * @return the time
     */
    public Instant stateChanged() { return stateChanged; }
    /**
     * When the VM last began running (for uptime), or null when it is not running.
     *
     * @return the time, or null
     */
    public Instant startedAt() { return startedAt; }
    /**
     * The job of the operation in flight on this VM, or null: another operation is refused with 32774.
     *
     * @return the job's id, or null
     */
    public String busyJobId() { return busyJobId; }
    /**
     * Marks it busy with a job, or free (null).
     *
     * @param jobId the job's id, or null
     */
    public void busyJobId(String jobId) { this.busyJobId = jobId; }
    /**
     * Whether an operation is in flight on it.
     *
     * @return whether it is busy
     */
    public boolean isBusy() { return busyJobId != null; }
    /**
     * Whether it was removed from the lab.
     *
     * @return whether it is gone
     */
    public boolean removed() { return removed; }
    void removed(boolean r) { this.removed = r; }

    /**
     * Changes the power state at {@code at}; uptime runs from the moment the VM comes to life from off or saved.
     *
     * @param next the new state
     * @param at   when it changed
     */
    public void state(PowerState next, Instant at) {
        ranBefore = ran(at);
        if (next == PowerState.RUNNING && startedAt == null) startedAt = at;
        if (next == PowerState.OFF || next == PowerState.SAVED) startedAt = null;
        this.state = next;
        this.stateChanged = at;
    }

    /**
     * A reset restarts the guest: uptime counts from {@code at}.
     *
     * @param at when the guest restarted
     */
    public void restartUptime(Instant at) {
        this.startedAt = at;
    }

    /**
     * What the guest does while it runs (resource metering integrates it).
     *
     * @return the load, {@link GuestLoad#IDLE} unless set
     */
    public GuestLoad guestLoad() { return load; }

    /**
     * Sets what the guest does while it runs, from now on.
     *
     * @param l the load
     */
    public void guestLoad(GuestLoad l) { this.load = Objects.requireNonNull(l, "load"); }

    /**
     * How long the VM has been in the running state (EnabledState 2) in its whole life, up to {@code now}.
     *
     * @param now the lab's time
     * @return the running time
     */
    public Duration ran(Instant now) {
        if (state != PowerState.RUNNING || now.isBefore(stateChanged)) return ranBefore;
        return ranBefore.plus(Duration.between(stateChanged, now));
    }

    void restoreRan(Duration d) { this.ranBefore = d; }

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
