package io.hyperv4j.sim;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A simulated datacenter: hosts, their VMs and jobs (the truth), one clock, one seeded random
 * source, and the providers that render the model as CIM instances. One lock guards the model;
 * event listeners run outside it. Make one from a template ({@link #fromTemplate(String, long)}),
 * then {@link #connect(String)} to a host for the typed API, or open raw sessions with
 * {@link #session(String)}.
 * <p>Thread-safety: thread-safe; any number of sessions and threads may work on one lab.
 */
public final class Lab implements AutoCloseable {
    /** The host of {@code sim:standalone} and {@link #standalone()}. */
    public static final String DEFAULT_HOST = "HV01";
    /** Start of a new lab's virtual clock unless told otherwise: fixed, so runs are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-06T09:00:00Z");
    static final Duration DEFAULT_LOCK_TIMEOUT = CimSession.DEFAULT_TIMEOUT;

    private final SimClock clock;
    private final SimRandom random;
    private final long seed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SimHost> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, SimVm> vmsById = new HashMap<>();
    private final Map<String, SimJob> jobsById = new HashMap<>();
    private final EventHub hub = new EventHub();
    private final Jobs jobs = new Jobs(this);
    private final Providers providers;
    private final ActivityLog activities = new ActivityLog();
    private final Fabric fabric;
    private final LandingClaims claims = new LandingClaims();
    private final List<java.util.function.BiConsumer<Txn, List<SimVm>>> vmWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Path file;
    private volatile boolean dirty;
    /** The file's modification time when this lab last read or wrote it. */
    private volatile LabFile.Stamp fileStamp;
    /** What the file held when this lab last read or wrote it, so that a save of an unchanged lab writes nothing. */
    private volatile LabFile.Contents fileContents;
    /** The file's state of providers this lab does not have, by provider class name: written back as read. */
    private volatile Map<String, com.fasterxml.jackson.databind.JsonNode> unownedProviderParts = Map.of();

    /** A lab with exactly {@code providers} (see {@link #discovered}), each attached to it here. */
    private Lab(SimClock clock, long seed, long randomState, List<SimProvider> providers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seed = seed;
        this.random = new SimRandom(randomState);
        this.fabric = new Fabric(clock);
        this.providers = new Providers(providers);
        this.providers.all().forEach(p -> p.attach(this));
    }

    /** Every provider ServiceLoader finds on the class path, newly made, then {@code extra}. */
    static List<SimProvider> discovered(List<SimProvider> extra) {
        List<SimProvider> all = new ArrayList<>();
        ServiceLoader.load(SimProvider.class, Lab.class.getClassLoader()).forEach(all::add);
        all.addAll(extra);
        return all;
    }

    /**
     * A fresh lab on a virtual clock with one host, {@value #DEFAULT_HOST}, and seed 0.
     *
     * @return the new lab; close it to stop its clock
     */
    public static Lab standalone() {
        return fromTemplate(LabTemplates.DEFAULT, 0);
    }

    /**
     * A fresh lab made by the template called {@code name} (see {@link LabTemplates}), seed 0.
     *
     * @param name the template's name, e.g. {@code seed000-cluster}
     * @return the new lab
     * @throws IllegalArgumentException when no template on the class path is called {@code name}
     */
    public static Lab fromTemplate(String name) {
        return fromTemplate(name, 0);
    }

    /**
     * A fresh lab made by the template called {@code name} on a virtual clock starting at
     * {@link #DEFAULT_START}: the same seed gives the same lab, and the same calls the same results.
     *
     * @throws IllegalArgumentException when no template on the class path is called {@code name}
     * @param name the template's name
     * @param seed the seed of every random choice in the lab
     * @return the new lab
     */
    public static Lab fromTemplate(String name, long seed) {
        return fromTemplate(name, seed, SimClock.virtual(DEFAULT_START));
    }

    /**
     * A fresh lab made by the template called {@code name} on {@code clock}.
     *
     * @param name  the template's name
     * @param seed  the seed of every random choice in the lab
     * @param clock the lab's clock (virtual, scaled or manual)
     * @return the new lab
     * @throws IllegalArgumentException when no template on the class path is called {@code name}
     */
    public static Lab fromTemplate(String name, long seed, SimClock clock) {
        return LabTemplates.named(name).create(seed, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A builder for a lab made by hand: seed 0, a virtual clock from {@link #DEFAULT_START}, no hosts.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the lab saved in {@code file}; see {@link LabFile} for how time goes on meanwhile.
     *
     * @param file the lab file
     * @return the lab, kept in {@code file}
     */
    public static Lab load(Path file) {
        return LabFile.load(file, discovered(List.of()));
    }

    /**
     * Loads a lab with providers beyond those on the class path (they load their part of the file).
     *
     * @param file           the lab file
     * @param extraProviders providers beside those ServiceLoader finds
     * @return the lab, kept in {@code file}
     */
    public static Lab load(Path file, List<SimProvider> extraProviders) {
        return LabFile.load(file, discovered(extraProviders));
    }

    /**
     * Loads a lab with exactly {@code providers}, none looked up on the class path: for an
     * application that knows its providers (the CLI keeps a table), since the look-up reads every
     * jar of the class path, a tenth of a short command. The list must hold every provider whose
     * part of the file is to be kept: a part whose provider is missing is not loaded, and the next
     * save leaves it out.
     *
     * @param file      the lab file
     * @param providers new provider instances, one of each class, in the order the file is to list them
     * @return the lab, kept in {@code file}
     */
    public static Lab loadWith(Path file, List<SimProvider> providers) {
        return LabFile.load(file, List.copyOf(providers));
    }

    /**
     * The lab behind a simulated session (one opened on a {@code sim:} URI or by {@link #session}),
     * to drive its clock or inject faults; empty for any other session.
     *
     * @param session any session
     * @return the lab, or empty when the session is not a simulated one
     */
    public static java.util.Optional<Lab> of(CimSession session) {
        return session instanceof SimSession s ? java.util.Optional.of(s.lab()) : java.util.Optional.empty();
    }

    static Lab restored(SimClock clock, long seed, long randomState, List<SimProvider> providers) {
        return new Lab(clock, seed, randomState, providers);
    }

    /**
     * The lab's clock: every simulated time, timer and wait goes through it.
     *
     * @return the clock
     */
    public SimClock clock() {
        return clock;
    }

    /**
     * The lab's random source; use it under the lock (inside {@link #write}).
     *
     * @return the random source
     */
    public SimRandom random() {
        return random;
    }

    /**
     * The seed the lab was made with.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The lab's jobs (Msvm_ConcreteJob and the like): how providers start, run and end them.
     *
     * @return the job engine
     */
    public Jobs jobs() {
        return jobs;
    }

    /**
     * The providers that render this lab's model as CIM instances.
     *
     * @return the providers
     */
    public Providers providers() {
        return providers;
    }

    /**
     * Physical activity providers publish (a migration's traffic), for models of the hardware to follow.
     *
     * @return the log
     */
    public ActivityLog activities() {
        return activities;
    }

    /**
     * The links and the flows of bytes on them that every move shares (see {@link Fabric}).
     *
     * @return the fabric
     */
    public Fabric fabric() {
        return fabric;
    }

    /**
     * The memory moves under way have claimed on their destinations, which every capacity check counts.
     *
     * @return the ledger
     */
    public LandingClaims claims() {
        return claims;
    }

    /**
     * Hears, at the end of every change that touched VMs (started, stopped, saved, moved to
     * another host...), which ones, inside that change: what depends on where and whether a VM
     * runs (a redirected CSV's guest I/O) follows at once.
     *
     * @param watcher given the change under way and the VMs it touched, in touch order
     * @return closing it stops the calls
     */
    public Subscription onVmChange(java.util.function.BiConsumer<Txn, List<SimVm>> watcher) {
        vmWatchers.add(watcher);
        return () -> vmWatchers.remove(watcher);
    }

    /**
     * The file this lab is kept in, or null for an in-memory lab.
     *
     * @return the file, or null
     */
    public Path file() {
        return file;
    }

    // ---- sessions ----

    /**
     * The typed API on one of the lab's hosts, with the default {@link ConnectOptions}. Closing the
     * host closes its session, not the lab.
     *
     * @throws IllegalArgumentException when the lab has no such host (the message names those it has)
     * @param hostName the host's name (any case)
     * @return the host; close it when done
     */
    public HyperVHost connect(String hostName) {
        return connect(hostName, ConnectOptions.defaults());
    }

    /**
     * The typed API on one of the lab's hosts; {@code options} bound its calls and operations.
     *
     * @param hostName the host's name (any case)
     * @param options  timeouts and credentials (credentials are ignored by the simulator)
     * @return the host; close it when done
     * @throws IllegalArgumentException when the lab has no such host
     */
    public HyperVHost connect(String hostName, ConnectOptions options) {
        Objects.requireNonNull(options, "options");
        SimHost h = read(options.callTimeout(), () -> hosts.get(Objects.requireNonNull(hostName, "hostName")));
        if (h == null) {
            throw new IllegalArgumentException("the lab has no host named '" + hostName + "'; its hosts: "
                    + String.join(", ", read(options.callTimeout(), () -> List.copyOf(hosts.keySet()))));
        }
        return new HyperVHost(java.net.URI.create("sim:" + h.name()), new SimSession(this, h.name(), options.callTimeout()), options);
    }

    /**
     * A CIM session on one of the lab's hosts, bounded by {@link CimSession#DEFAULT_TIMEOUT}.
     *
     * @param hostName the host's name (any case)
     * @return the session; close it when done
     * @throws io.hyperv4j.cim.CimException (NOT_FOUND) when the lab has no such host
     */
    public CimSession session(String hostName) {
        return session(hostName, CimSession.DEFAULT_TIMEOUT);
    }

    /**
     * A CIM session on one of the lab's hosts, each call bounded by {@code timeout}.
     *
     * @param hostName the host's name (any case)
     * @param timeout  the bound on each call
     * @return the session; close it when done
     * @throws io.hyperv4j.cim.CimException (NOT_FOUND) when the lab has no such host
     */
    public CimSession session(String hostName, Duration timeout) {
        SimHost h = read(timeout, () -> hosts.get(hostName));
        if (h == null) throw new CimException(CimError.NOT_FOUND, "the lab has no host named '" + hostName + "'");
        return new SimSession(this, h.name(), timeout);
    }

    // ---- the model ----

    /**
     * Adds a host (name unique, case-insensitively).
     *
     * @param name              the host's name
     * @param logicalProcessors its logical processors
     * @param memoryMb          its memory in MB
     * @return the new host
     * @throws IllegalArgumentException when the lab already has a host of that name
     */
    public SimHost addHost(String name, int logicalProcessors, long memoryMb) {
        return write(DEFAULT_LOCK_TIMEOUT, txn -> {
            if (hosts.containsKey(name)) throw new IllegalArgumentException("the lab already has a host named '" + name + "'");
            SimHost h = new SimHost(name, logicalProcessors, memoryMb);
            hosts.put(name, h);
            txn.created(h);
            return h;
        });
    }

    /**
     * Gives a host a physical network adapter (building a lab, as installing a card). Its counter
     * instance name must be new on the host.
     *
     * @param hostName the host's name
     * @param adapter  the adapter
     * @return the adapter
     * @throws IllegalArgumentException when the lab has no such host, or the host already has an
     *         adapter of that instance name
     */
    public SimNetworkAdapter addNetworkAdapter(String hostName, SimNetworkAdapter adapter) {
        return write(DEFAULT_LOCK_TIMEOUT, txn -> {
            SimHost h = requireHost(hostName);
            if (h.adapters.stream().anyMatch(a -> a.instanceName().equalsIgnoreCase(adapter.instanceName())))
                throw new IllegalArgumentException("host " + h.name() + " already has a network adapter '" + adapter.instanceName() + "'");
            txn.touch(h);
            h.adapters.add(adapter);
            return adapter;
        });
    }

    /**
     * Sets the link speed of every adapter of {@code hostName} connected to {@code network} (the
     * switch port renegotiated): their {@code Current Bandwidth} follows the network's speed.
     * Call inside {@link #write}.
     *
     * @param txn           the write transaction
     * @param hostName      the host
     * @param network       the network's name (any case)
     * @param bitsPerSecond the new link speed
     * @return how many adapters changed
     */
    public int linkSpeed(Txn txn, String hostName, String network, long bitsPerSecond) {
        SimHost h = requireHost(hostName);
        int changed = 0;
        for (int i = 0; i < h.adapters.size(); i++) {
            SimNetworkAdapter a = h.adapters.get(i);
            if (a.network().isEmpty() || !a.network().equalsIgnoreCase(network) || a.bitsPerSecond() == bitsPerSecond) continue;
            txn.touch(h);
            h.adapters.set(i, new SimNetworkAdapter(a.description(), bitsPerSecond, a.network()));
            changed++;
        }
        return changed;
    }

    /**
     * The host with this name (any case), or null. Call under the lock or accept a racy read.
     *
     * @param name the host's name
     * @return the host, or null
     */
    public SimHost host(String name) {
        return hosts.get(name);
    }

    /**
     * The lab's hosts, ordered by name; a live, unmodifiable view (iterate under the lock).
     *
     * @return the hosts
     */
    public Collection<SimHost> hosts() {
        return Collections.unmodifiableCollection(hosts.values());
    }

    /**
     * The VM with this GUID (any case), or null.
     *
     * @param id the VM's GUID
     * @return the VM, or null
     */
    public SimVm vm(String id) {
        return id == null ? null : vmsById.get(id.toUpperCase(Locale.ROOT));
    }

    /**
     * How many VMs the lab has, on all hosts.
     *
     * @return the count
     */
    public int vmCount() {
        return vmsById.size();
    }

    /**
     * The job with this InstanceID (any case), or null once it was removed.
     *
     * @param id the job's InstanceID
     * @return the job, or null
     */
    public SimJob job(String id) {
        return id == null ? null : jobsById.get(id.toUpperCase(Locale.ROOT));
    }

    /**
     * Defines a new VM (off) on {@code host}, with a fresh GUID from the lab's random source.
     *
     * @param txn  the change under way (from {@link #write})
     * @param host the host to define it on
     * @param name the VM's name
     * @return the new VM
     */
    public SimVm createVm(Txn txn, SimHost host, String name) {
        return createVm(txn, host, random.nextGuid(), name, txn.now());
    }

    /**
     * Defines a VM with a given GUID (a VM realized from an imported definition keeps its own).
     *
     * @param txn     the change under way
     * @param host    the host to define it on
     * @param id      its GUID
     * @param name    its name
     * @param created when it was created
     * @return the new VM
     * @throws IllegalStateException when the lab has a VM with that GUID
     */
    public SimVm createVm(Txn txn, SimHost host, String id, String name, Instant created) {
        requireLocked();
        String key = id.toUpperCase(Locale.ROOT);
        if (vmsById.containsKey(key)) throw new IllegalStateException("duplicate VM id " + id);
        SimVm vm = new SimVm(key, host, name, created);
        vmsById.put(key, vm);
        host.vms.put(key, vm);
        if (txn != null) txn.created(vm);
        return vm;
    }

    /**
     * Removes a VM from the model (its instances disappear; subscribers see deletions).
     *
     * @param txn the change under way
     * @param vm  the VM to remove
     */
    public void removeVm(Txn txn, SimVm vm) {
        requireLocked();
        txn.touch(vm);
        vmsById.remove(vm.id());
        vm.host().vms.remove(vm.id());
        vm.removed(true);
    }

    /**
     * Moves a VM's registration to another host (a clustered VM after a migration or failover): the
     * old host's sessions stop showing it, the new host's show it, which subscribers see as
     * deletions and creations. Its id, state and jobs are kept.
     *
     * @param txn the change under way
     * @param vm  the VM
     * @param to  its new host
     */
    public void moveVm(Txn txn, SimVm vm, SimHost to) {
        requireLocked();
        Objects.requireNonNull(to, "to");
        if (vm.removed()) throw new IllegalStateException("VM " + vm.id() + " was removed");
        if (hosts.get(to.name()) != to) throw new IllegalArgumentException(to + " is not a host of this lab");
        if (vm.host() == to) return;
        txn.touch(vm);
        vm.host().vms.remove(vm.id());
        to.vms.put(vm.id(), vm);
        vm.host(to);
    }

    void index(SimJob job) {
        requireLocked();
        jobsById.put(job.id(), job);
        SimHost h = hosts.get(job.hostName());
        if (h != null) h.jobs.put(job.id(), job);
    }

    void unindex(SimJob job) {
        requireLocked();
        jobsById.remove(job.id());
        SimHost h = hosts.get(job.hostName());
        if (h != null) h.jobs.remove(job.id());
        job.removed = true;
    }

    /** A finished job frees the VM it kept busy. */
    void clearBusy(Txn txn, SimJob job) {
        SimVm vm = vm(job.affectedVmId());
        if (vm != null && job.id().equals(vm.busyJobId())) {
            txn.touch(vm);
            vm.busyJobId(null);
        }
    }

    // ---- fault injection ----

    /**
     * Pulls the plug on a host and plugs it back in: every VM on it is off at once (saved states
     * survive), and the jobs running there are killed with error 32768. Sessions to it keep
     * working, as a client sees a host after a crash and reboot.
     *
     * @param hostName the host's name
     * @throws IllegalArgumentException when the lab has no such host
     */
    public void powerCycleHost(String hostName) {
        write(DEFAULT_LOCK_TIMEOUT, txn -> {
            loseHostPower(txn, requireHost(hostName));
            return null;
        });
    }

    /**
     * Powers a host off (fault injection): its VMs go off and its running jobs are killed as in
     * {@link #powerCycleHost}, and until {@link #powerOnHost} every call of a session to it fails
     * with WBEM_E_TRANSPORT_FAILURE, as a call to an unreachable host does.
     *
     * @param hostName the host's name
     * @throws IllegalArgumentException when the lab has no such host
     */
    public void powerOffHost(String hostName) {
        write(DEFAULT_LOCK_TIMEOUT, txn -> {
            SimHost h = requireHost(hostName);
            loseHostPower(txn, h);
            txn.touch(h);
            h.poweredOn(false);
            return null;
        });
    }

    /**
     * Powers a host back on; its VMs stay off.
     *
     * @param hostName the host's name
     * @throws IllegalArgumentException when the lab has no such host
     */
    public void powerOnHost(String hostName) {
        write(DEFAULT_LOCK_TIMEOUT, txn -> {
            SimHost h = requireHost(hostName);
            txn.touch(h);
            h.poweredOn(true);
            return null;
        });
    }

    private SimHost requireHost(String hostName) {
        SimHost h = hosts.get(hostName);
        if (h == null) throw new IllegalArgumentException("the lab has no host named '" + hostName + "'");
        return h;
    }

    private void loseHostPower(Txn txn, SimHost h) {
        for (SimJob j : new ArrayList<>(h.jobs.values()))
            jobs.kill(txn, j, "The host " + h.name() + " lost power.");
        for (SimVm vm : h.vms.values()) {
            if (vm.state() == PowerState.OFF || vm.state() == PowerState.SAVED) continue;
            txn.touch(vm);
            vm.busyJobId(null);
            vm.state(PowerState.OFF, txn.now());
        }
    }

    /**
     * Kills one running job (fault injection): the model stays where the job left it.
     *
     * @param jobId  the job's InstanceID
     * @param reason why, for the job's ErrorDescription
     * @throws IllegalArgumentException when there is no such job
     */
    public void killJob(String jobId, String reason) {
        write(DEFAULT_LOCK_TIMEOUT, txn -> {
            SimJob j = job(jobId);
            if (j == null) throw new IllegalArgumentException("no job " + jobId);
            jobs.kill(txn, j, reason);
            return null;
        });
    }

    // ---- locking, changes, events ----

    /**
     * Reads the model under the lab lock, waiting at most {@code timeout} for it.
     *
     * @param <R>     the result
     * @param timeout the longest wait for the lock
     * @param body    reads the model and returns what it found
     * @return what {@code body} returned
     * @throws io.hyperv4j.cim.CimException (TIMED_OUT) when the lock is not had in time
     */
    public <R> R read(Duration timeout, Supplier<R> body) {
        acquire(timeout);
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the model under the lab lock; events for what changed go out after the lock is released.
     *
     * @param <R>     the result
     * @param timeout the longest wait for the lock
     * @param body    changes the model through the transaction it is given
     * @return what {@code body} returned
     * @throws io.hyperv4j.cim.CimException (TIMED_OUT) when the lock is not had in time
     */
    public <R> R write(Duration timeout, Function<Txn, R> body) {
        return write(timeout, null, body);
    }

    <R> R write(Duration timeout, Instant at, Function<Txn, R> body) {
        acquire(timeout);
        R result;
        List<InstanceEvent> events;
        long ticket;
        try {
            Txn txn = new Txn(this, at != null ? at : clock.now(), hub.observed());
            result = body.apply(txn);
            List<SimVm> vms = txn.touchedVms();
            if (!vms.isEmpty()) for (var w : vmWatchers) w.accept(txn, vms);
            events = txn.events();
            ticket = hub.enqueue(events); // numbered under the lock: delivered in commit order
            if (txn.changed()) dirty = true;
        } finally {
            lock.unlock();
        }
        hub.deliver(ticket, events);
        return result;
    }

    private void acquire(Duration timeout) {
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS))
                throw new CimException(CimError.TIMED_OUT, "the simulated host did not answer within " + timeout + " (lab busy)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, "interrupted while waiting for the lab", e);
        }
    }

    void requireLocked() {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("change the lab's model inside Lab.write");
    }

    /** The instances of {@code entity} that the providers of {@code namespaces} render. */
    List<CimInstance> renderAll(Object entity, Instant now, java.util.Set<String> namespaces) {
        List<CimInstance> out = new ArrayList<>();
        for (SimProvider p : providers.all()) if (namespaces.contains(p.namespace())) out.addAll(p.render(this, entity, now));
        return out;
    }

    Subscription subscribe(String host, String namespace, UnaryOperator<CimInstance> filter, Consumer<CimInstance> listener) {
        return hub.subscribe(host, namespace, filter, listener);
    }

    // ---- persistence ----

    /** Saves to {@link #file()} atomically (see {@link LabFile}). */
    public void save() {
        Path f = file;
        if (f == null) throw new IllegalStateException("this lab has no file; use save(Path)");
        save(f);
    }

    /**
     * Saves to {@code target} atomically, and keeps that as the lab's file.
     *
     * @param target where to write the lab
     */
    public void save(Path target) {
        try {
            LabFile.Contents kept = target.equals(file) && !fileChangedElsewhere() ? fileContents : null;
            writeFile(target, kept);
            file = target;
            dirty = false;
            boolean again = false;
            for (SimProvider p : providers.all()) again |= p.afterSave(this);
            if (again) {
                writeFile(target, null);
                dirty = false;
            }
            fileStamp = LabFile.Stamp.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the lab to " + target + ": " + e, e);
        }
    }

    /** Writes the lab to {@code target} unless {@code kept}, what that file holds, already holds it. */
    private void writeFile(Path target, LabFile.Contents kept) throws IOException {
        LabFile.Contents c = read(DEFAULT_LOCK_TIMEOUT, () -> LabFile.contentsToSave(this, kept));
        if (c == null) return;
        fileContents = null; // unknown until the rename is done
        LabFile.writeAtomically(target, c.text());
        fileContents = c;
    }

    /** Saves when the lab has a file and changed since the last save. */
    public void saveIfChanged() {
        if (file != null && dirty) save();
    }

    void file(Path f, LabFile.Stamp stamp, LabFile.Contents contents) {
        this.file = f;
        this.fileStamp = stamp;
        this.fileContents = contents;
    }

    /** Whether the lab's file was changed (or removed) by someone else since this lab read or wrote it. */
    boolean fileChangedElsewhere() {
        Path f = file;
        if (f == null) return false;
        try {
            return !LabFile.Stamp.of(f).sameAs(fileStamp);
        } catch (IOException e) {
            return true;
        }
    }

    private final List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();

    Map<String, SimHost> hostIndex() {
        return hosts;
    }

    /**
     * Runs {@code action} when the lab closes: how a provider releases what it holds for a lab
     * without a file (a scratch folder of real VM files, say). Actions run last-registered first; a
     * failing one is logged and the others still run.
     *
     * @param action what to do at close
     */
    public void onClose(Runnable action) {
        closeActions.add(0, Objects.requireNonNull(action, "action"));
    }

    /** Closes the lab's clock (a scaled clock's driver thread stops), then runs the {@link #onClose} actions; the lab is not used afterwards. */
    @Override
    public void close() {
        clock.close();
        for (Runnable action : closeActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Lab.class).warn("a close action of the lab failed", e);
            }
        }
        closeActions.clear();
    }

    Map<String, com.fasterxml.jackson.databind.JsonNode> unownedProviderParts() {
        return unownedProviderParts;
    }

    void unownedProviderParts(Map<String, com.fasterxml.jackson.databind.JsonNode> parts) {
        unownedProviderParts = Map.copyOf(parts);
    }

    /** Builds a lab: seed, clock, hosts. */
    public static final class Builder {
        private long seed;
        private SimClock clock;
        private final List<Object[]> hosts = new ArrayList<>();
        private final List<SimProvider> providers = new ArrayList<>();

        /**
         * Adds a provider beyond those ServiceLoader finds (an application's own classes, a test's).
         *
         * @param p the provider
         * @return this builder
         */
        public Builder provider(SimProvider p) {
            providers.add(Objects.requireNonNull(p, "provider"));
            return this;
        }

        /**
         * The seed of every random choice (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The lab's clock (default a virtual clock from {@link Lab#DEFAULT_START}).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(SimClock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds a host.
         *
         * @param name              the host's name (unique, any case)
         * @param logicalProcessors its logical processors
         * @param memoryMb          its memory in MB
         * @return this builder
         */
        public Builder host(String name, int logicalProcessors, long memoryMb) {
            hosts.add(new Object[] {name, logicalProcessors, memoryMb});
            return this;
        }

        /**
         * The lab, with its hosts added.
         *
         * @return the new lab
         */
        public Lab build() {
            Lab lab = new Lab(clock != null ? clock : SimClock.virtual(DEFAULT_START), seed, seed, discovered(providers));
            for (Object[] h : hosts) lab.addHost((String) h[0], (Integer) h[1], (Long) h[2]);
            lab.dirty = false;
            return lab;
        }
    }
}
