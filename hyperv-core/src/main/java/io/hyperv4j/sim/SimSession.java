package io.hyperv4j.sim;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.schema.CimSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CimSession} on one host of a {@link Lab}. Every call takes the lab lock for at most
 * the session timeout. Method calls are checked against the namespace's class schema before the
 * provider sees them; {@link #await} drives a virtual clock, so waiting costs no wall time.
 */
final class SimSession implements CimSession {
    private static final Logger LOG = LoggerFactory.getLogger(SimSession.class);

    private final Lab lab;
    private final String host;
    private final Duration timeout;
    /** Run once when the session closes: closes a lab the session owns, or lets go of a shared lab file. */
    private final Runnable onClose;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    SimSession(Lab lab, String host, Duration timeout) {
        this(lab, host, timeout, () -> { });
    }

    SimSession(Lab lab, String host, Duration timeout, Runnable onClose) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.host = Objects.requireNonNull(host, "host");
        if (timeout == null || timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("a session needs a positive timeout, got " + timeout);
        this.timeout = timeout;
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    /** The lab behind this session. */
    Lab lab() {
        return lab;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public List<CimInstance> query(String namespace, String wql) {
        checkOpen();
        requireNamespace(namespace);
        return SimQueries.query(this, namespace, wql);
    }

    @Override
    public CimInstance get(ObjectPath path) {
        checkOpen();
        SimProvider p = providerFor(path);
        CimInstance found = lab.read(timeout, () -> p == null ? null : p.instance(scope(), path));
        if (found == null) throw new CimException(CimError.NOT_FOUND, "no instance " + path.relative() + " on " + host);
        return WholeInstances.complete(found);
    }

    @Override
    public MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in) {
        checkOpen();
        Objects.requireNonNull(method, "method");
        SimProvider p = providerFor(target);
        CimSchema schema = CimSchema.forNamespace(target.namespace());
        // Checked before the lock is taken and anything changes: a bad call changes nothing.
        Map<String, CimValue> params = schema.checkInvocation(target.className(), method, in);
        if (p == null)
            throw new CimException(CimError.NOT_FOUND, "no instance " + target.relative() + " on " + host);
        Txn[] done = new Txn[1];
        MethodResult r = lab.write(timeout, txn -> {
            done[0] = txn;
            HostScope scope = scope(txn);
            if (!target.keys().isEmpty() && p.instance(scope, target) == null)
                throw new CimException(CimError.NOT_FOUND, "no instance " + target.relative() + " on " + host);
            return p.invoke(txn, scope, target, method, params);
        });
        Map<String, CimValue> out;
        try {
            out = schema.checkOut(target.className(), method, r.out());
        } catch (CimException e) {
            LOG.error("simulated {}.{} returned out-parameters its schema refuses", target.className(), method, e);
            throw new CimException(CimError.PROVIDER_FAILURE, "the simulator's " + target.className() + "." + method
                    + " returned invalid out-parameters: " + e.getMessage(), e);
        }
        if (done[0].waitUpTo() != null) waitUntil(done[0].waitUntil(), done[0].waitUpTo());
        lab.saveIfChanged();
        return new MethodResult(r.returnValue(), out);
    }

    /** Lets simulated time pass until {@code done} holds (checked each simulated second) or {@code upTo} has passed. */
    private void waitUntil(java.util.function.BooleanSupplier done, Duration upTo) {
        if (lab.read(timeout, done::getAsBoolean)) return;
        CompletableFuture<Void> reached = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Scheduler.Task> next = new java.util.concurrent.atomic.AtomicReference<>();
        Scheduler.Action poll = new Scheduler.Action() {
            @Override
            public void run(java.time.Instant at) {
                if (lab.read(timeout, done::getAsBoolean)) reached.complete(null);
                else next.set(lab.clock().schedule(Duration.ofSeconds(1), this));
            }
        };
        next.set(lab.clock().schedule(Duration.ofSeconds(1), poll));
        try {
            lab.clock().await(reached, upTo);
        } finally {
            next.get().cancel();
        }
    }

    @Override
    public void modify(CimInstance instance) {
        checkOpen();
        Objects.requireNonNull(instance, "instance");
        ObjectPath path = instance.path();
        if (path == null) throw new CimException(CimError.INVALID_OBJECT_PATH, "the instance to modify carries no path");
        SimProvider p = providerFor(path);
        if (p == null) throw new CimException(CimError.NOT_FOUND, "no instance " + path.relative() + " on " + host);
        CimInstance checked = CimSchema.forNamespace(path.namespace()).coerceInstance(instance);
        lab.write(timeout, txn -> {
            HostScope scope = scope(txn);
            if (p.instance(scope, path) == null)
                throw new CimException(CimError.NOT_FOUND, "no instance " + path.relative() + " on " + host);
            p.modify(txn, scope, checked);
            return null;
        });
        lab.saveIfChanged();
    }

    @Override
    public Subscription subscribe(String namespace, String eventQuery, Consumer<CimInstance> listener) {
        checkOpen();
        Objects.requireNonNull(listener, "listener");
        requireNamespace(namespace);
        lab.read(timeout, this::scope); // a powered-off host takes no subscriptions
        Subscription s = lab.subscribe(host, namespace, SimQueries.eventFilter(this, namespace, eventQuery), listener);
        Subscription tracked = new Subscription() {
            @Override
            public void close() {
                s.close();
                subscriptions.remove(this);
            }
        };
        subscriptions.add(tracked);
        return tracked;
    }

    @Override
    public boolean timeAdvancesOnlyWhileWaiting() {
        return lab.clock().mode() == ClockMode.VIRTUAL;
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration waitFor) {
        checkOpen();
        boolean done = lab.clock().await(future, waitFor);
        lab.saveIfChanged();
        if (!done) throw new CimException(CimError.TIMED_OUT, "no completion within " + waitFor + " of simulated time");
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new CimException(CimError.FAILED, String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        subscriptions.forEach(Subscription::close);
        try {
            lab.saveIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("could not save the lab on close", e);
        }
        onClose.run();
    }

    HostScope scope() {
        return new HostScope(lab, reachableHost(), lab.clock().now());
    }

    private HostScope scope(Txn txn) {
        return new HostScope(lab, reachableHost(), txn.now());
    }

    private SimHost reachableHost() {
        SimHost h = lab.host(host);
        if (h == null) throw new CimException(CimError.NOT_AVAILABLE, "host " + host + " is no longer in the lab");
        if (!h.poweredOn())
            throw new CimException(CimError.TRANSPORT_FAILURE, "host " + host + " does not answer (it is powered off)");
        return h;
    }

    /** The provider of the path's class, null when the class is valid but has no instances here. */
    private SimProvider providerFor(ObjectPath path) {
        Objects.requireNonNull(path, "path");
        if (path.namespace() == null)
            throw new CimException(CimError.INVALID_OBJECT_PATH, "path " + path + " names no namespace");
        String server = path.server();
        if (server != null && !server.equals(".") && !server.equalsIgnoreCase(host) && !server.equalsIgnoreCase("localhost"))
            throw new CimException(CimError.NOT_FOUND, "path " + path + " is on host " + server + "; this session speaks to " + host);
        requireNamespace(path.namespace());
        SimProvider p = lab.providers().forClass(path.namespace(), path.className());
        if (p == null) CimSchema.forNamespace(path.namespace()).require(path.className()); // WBEM_E_INVALID_CLASS when unknown
        return p;
    }

    void requireNamespace(String namespace) {
        if (namespace == null || !lab.providers().servesNamespace(namespace))
            throw new CimException(CimError.INVALID_NAMESPACE, "namespace " + namespace + " does not exist on " + host);
    }

    private void checkOpen() {
        if (closed) throw new CimException(CimError.INVALID_OPERATION, "the session to " + host + " is closed");
    }
}
