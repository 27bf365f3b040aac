package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CimSession} over WMI. Every COM object lives on the session's {@link ComThread}; callers
 * on any thread are marshalled onto it and wait at most {@link #timeout()} per call. Namespace
 * connections are opened on first use and kept until {@link #close()}.
 */
final class WmiSession implements CimSession {
    private static final Logger LOG = LoggerFactory.getLogger(WmiSession.class);
    static final int QUERY_BATCH = 64;

    /** Knobs the tests turn down: the event poll interval and the first pause between connect retries. */
    record Tuning(Duration eventPoll, Duration connectRetryBackoff) {
        static final Tuning DEFAULT = new Tuning(Duration.ofMillis(500), Duration.ofMillis(250));
    }

    /**
     * Connect failures that mean "not ready yet" rather than "no": a provider still starting (the
     * cluster provider right after a reboot answers ERROR_SHARING_PAUSED or EPT_S_NOT_REGISTERED, as
     * os-win's _init_hyperv_conn found) or a busy RPC server. Retried with backoff within the call's budget.
     */
    static final Set<Long> RETRYABLE_CONNECT = Set.of(0x80070046L, 0x800706D9L, 0x800706BBL);

    private final WmiTarget target;
    private final String host;
    private final String user;
    private final Duration timeout;
    private final WbemConnector connector;
    private final ComThread com;
    private final Tuning tuning;
    // Touched only on the COM thread.
    private final Map<String, WbemNamespace> namespaces;
    private final Map<String, WbemObject> classes;
    private final Set<WmiSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * Everything the COM thread must release, kept apart from the session so that a session that is
     * dropped without {@link #close()} can still be cleaned up (with a warning) once it is unreachable.
     */
    private static final class Release implements Runnable {
        final String target;
        final ComThread com;
        final WbemConnector connector;
        final Duration bound;
        final Map<String, WbemNamespace> namespaces = new HashMap<>();
        final Map<String, WbemObject> classes = new HashMap<>();
        volatile boolean explicit;

        Release(String target, ComThread com, WbemConnector connector, Duration bound) {
            this.target = target;
            this.com = com;
            this.connector = connector;
            this.bound = bound;
        }

        @Override
        public void run() {
            if (!explicit) LOG.warn("a WMI session to {} was never closed; releasing its COM objects now", target);
            com.close(bound, this::releaseOnComThread);
        }

        private void releaseOnComThread() {
            classes.values().forEach(WmiSession::closeQuietly);
            classes.clear();
            namespaces.values().forEach(WmiSession::closeQuietly);
            namespaces.clear();
            closeQuietly(connector);
        }
    }

    /**
     * Starts the COM thread and connects to {@code probeNamespace} so a wrong host, password or
     * missing feature fails here rather than on the first call.
     *
     * @param user who connects ("DOMAIN\\user"), for messages only; null for the current identity
     */
    public static WmiSession open(WmiTarget target, String user, Duration timeout, WbemConnector connector, String probeNamespace) {
        return open(target, user, timeout, connector, probeNamespace, Tuning.DEFAULT);
    }

    static WmiSession open(WmiTarget target, String user, Duration timeout, WbemConnector connector, String probeNamespace, Tuning tuning) {
        WmiSession s = new WmiSession(target, user, timeout, connector, tuning);
        if (probeNamespace != null) {
            try {
                s.connectNamespace(probeNamespace);
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    private WmiSession(WmiTarget target, String user, Duration timeout, WbemConnector connector, Tuning tuning) {
        this.target = Objects.requireNonNull(target, "target");
        this.user = user;
        this.timeout = requirePositive(timeout);
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tuning = tuning;
        String local = System.getenv("COMPUTERNAME");
        this.host = target.local() ? (local == null ? "localhost" : local.toLowerCase(Locale.ROOT)) : target.host();
        try {
            this.com = new ComThread("hyperv4j-com-" + target.host(), apartment(connector, host, user), timeout);
        } catch (RuntimeException e) {
            closeQuietly(connector); // nothing was connected yet: this only wipes the credentials it holds
            throw e;
        }
        this.release = new Release(target.toString(), com, connector,
                timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10));
        this.namespaces = release.namespaces;
        this.classes = release.classes;
        this.cleanable = CLEANER.register(this, release);
        LOG.debug("WMI session to {} opened (user {}, timeout {})", target, user == null ? "current" : user, timeout);
    }

    /** Static, so the COM thread (which holds it) does not keep the session reachable. */
    private static ComThread.Apartment apartment(WbemConnector connector, String host, String user) {
        return new ComThread.Apartment() {
            @Override
            public void enter() {
                try {
                    connector.enterApartment();
                } catch (ComFailure f) {
                    throw WmiErrors.exception(f.hresult(), new WmiErrors.Context("CoInitializeEx", host, null, user, null));
                }
            }

            @Override
            public void leave() {
                connector.leaveApartment();
            }
        };
    }

    private static Duration requirePositive(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException("timeout must be positive, got " + d);
        return d;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    public WmiTarget target() {
        return target;
    }

    @Override
    public List<CimInstance> query(String namespace, String wql) {
        String ns = WmiPaths.normalizeNamespace(namespace);
        String q = WmiPaths.checkQuery(wql);
        long deadline = deadline();
        return onCom("ExecQuery", ns, q, () -> {
            try (WbemEnumerator e = namespace(ns).execQuery(q)) {
                return drain(e, deadline, "ExecQuery", ns, q);
            }
        });
    }

    /** Reads an enumerator to its end within the deadline, converting and releasing every object. */
    List<CimInstance> drain(WbemEnumerator e, long deadline, String operation, String ns, String detail) {
        List<CimInstance> out = new ArrayList<>();
        while (true) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0)
                throw new CimException(CimError.TIMED_OUT, operation + " in " + ns + " on " + host + " did not finish within "
                        + timeout + " (" + out.size() + " objects read so far): " + detail);
            WbemEnumerator.Batch b = e.next(QUERY_BATCH, remaining);
            List<WbemObject> objects = b.objects();
            for (int i = 0; i < objects.size(); i++) {
                try {
                    out.add(WmiObjects.qualify(WmiObjects.toInstanceAndClose(objects.get(i)), ns));
                } catch (RuntimeException ex) {
                    for (int j = i + 1; j < objects.size(); j++) objects.get(j).close();
                    throw ex;
                }
            }
            if (b.status() == WbemEnumerator.Status.DONE) return out;
        }
    }

    @Override
    public CimInstance get(ObjectPath path) {
        Objects.requireNonNull(path, "path");
        String ns = WmiPaths.namespaceOf(path);
        String rel = WmiPaths.relativePath(path);
        long deadline = deadline();
        return onCom("GetObject", ns, rel,
                () -> WmiObjects.qualify(WmiObjects.toInstanceAndClose(namespace(ns).getObject(rel, remaining(deadline))), ns));
    }

    @Override
    public MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in) {
        Objects.requireNonNull(target, "target");
        String ns = WmiPaths.namespaceOf(target);
        String rel = WmiPaths.relativePath(target);
        WmiPaths.checkIdentifier(method, "method name");
        Map<String, CimValue> args = in == null ? Map.of() : in;
        args.forEach((k, v) -> Objects.requireNonNull(v, "value of parameter " + k + " (use CimValue.nullOf for a null)"));
        long deadline = deadline();
        String detail = target.className() + "." + method;
        return onCom("ExecMethod", ns, detail, () -> {
            WbemNamespace n = namespace(ns);
            WbemObject classDef = classDefinition(n, ns, target.className(), deadline);
            WbemObject inParams;
            try {
                inParams = n.newInParameters(classDef, method);
            } catch (ComFailure f) {
                if (f.hresult() == 0x80041002L)
                    throw new CimException(CimError.INVALID_METHOD, "class " + target.className() + " in " + ns + " has no method " + method);
                throw f;
            }
            try {
                if (inParams == null && !args.isEmpty())
                    throw new CimException(CimError.INVALID_METHOD_PARAMETERS, "method " + detail + " takes no input, got " + args.keySet());
                if (inParams != null)
                    WmiObjects.fill(inParams, args, cls -> n.spawnInstance(cls, remaining(deadline)), "method " + detail,
                            CimError.INVALID_METHOD_PARAMETERS);
                WbemObject out = n.execMethod(rel, method, inParams, remaining(deadline));
                return out == null ? new MethodResult(0, Map.of()) : result(out, ns);
            } finally {
                if (inParams != null) inParams.close();
            }
        });
    }

    /**
     * WMI PutInstance, update only: reads the stored instance, puts every property {@code instance}
     * carries (keys only when unchanged, and then skipped), converted to the declared types, and
     * writes it back semisynchronously within the session timeout. Every name, key and value is
     * checked before the first Put, so a refusal sends nothing.
     *
     * @throws CimException WBEM_E_INVALID_OBJECT_PATH without a path, WBEM_E_NOT_FOUND for a missing
     *         instance, WBEM_E_INVALID_PROPERTY for a property the class lacks, WBEM_E_INVALID_PARAMETER
     *         for a changed key, WBEM_E_TYPE_MISMATCH for a value that does not fit, WBEM_E_TIMED_OUT
     */
    @Override
    public void modify(CimInstance instance) {
        Objects.requireNonNull(instance, "instance");
        ObjectPath path = instance.path();
        if (path == null)
            throw new CimException(CimError.INVALID_OBJECT_PATH, "the " + instance.className() + " instance to modify carries no path");
        String ns = WmiPaths.namespaceOf(path);
        String rel = WmiPaths.relativePath(path);
        long deadline = deadline();
        onCom("PutInstance", ns, rel, () -> {
            WbemNamespace n = namespace(ns);
            WbemObject current = n.getObject(rel, remaining(deadline));
            try {
                Map<String, CimValue> updates = WmiObjects.updates(current, instance, path, ns);
                WmiObjects.fill(current, updates, cls -> n.spawnInstance(cls, remaining(deadline)), "class " + path.className(),
                        CimError.INVALID_PROPERTY);
                n.putInstance(current, WbemNamespace.WBEM_FLAG_UPDATE_ONLY, remaining(deadline));
            } finally {
                current.close();
            }
            LOG.debug("updated {} in {} on {}", rel, ns, host);
            return null;
        });
    }

    /** ReturnValue (0 for methods that return nothing, like MSCluster's) and the out-parameters. */
    static MethodResult result(WbemObject out, String ns) {
        try {
            long rv = 0;
            Map<String, CimValue> params = new LinkedHashMap<>();
            for (String name : out.propertyNames()) {
                CimValue v = WmiValues.toCim(out.get(name), out.cimType(name), name);
                if (name.equalsIgnoreCase("ReturnValue")) {
                    if (!v.isNull() && v.type().isInteger()) rv = v.asLong();
                } else {
                    params.put(name, WmiObjects.qualify(v, ns));
                }
            }
            return new MethodResult(rv, params);
        } finally {
            out.close();
        }
    }

    @Override
    public Subscription subscribe(String namespace, String eventQuery, Consumer<CimInstance> listener) {
        String ns = WmiPaths.normalizeNamespace(namespace);
        String q = WmiPaths.checkQuery(eventQuery);
        Objects.requireNonNull(listener, "listener");
        // A caller that times out before the enumerator arrives must not leave the server-side subscription alive.
        WbemEnumerator events = onCom("ExecNotificationQuery", ns, q, () -> namespace(ns).execNotificationQuery(q), WbemEnumerator::close);
        WmiSubscription[] holder = new WmiSubscription[1];
        Duration poll = tuning.eventPoll();
        WmiSubscription s = new WmiSubscription(q + " in " + ns + " on " + host, events, listener, apartment(connector, host, user), poll,
                poll.multipliedBy(4).plusSeconds(1), f -> mapped(f, "ExecNotificationQuery", ns, q),
                () -> subscriptions.remove(holder[0]));
        holder[0] = s;
        subscriptions.add(s);
        s.start();
        return s;
    }

    /** Number of live subscriptions (for tests and diagnostics). */
    int subscriptionCount() {
        return subscriptions.size();
    }

    /** Opens (or reuses) the connection to a namespace now, to fail early on a missing feature. */
    public void connectNamespace(String namespace) {
        String ns = WmiPaths.normalizeNamespace(namespace);
        onCom("ConnectServer", ns, target.resource(ns), () -> namespace(ns));
    }

    @Override
    public void close() {
        for (WmiSubscription s : List.copyOf(subscriptions)) s.close();
        release.explicit = true;
        cleanable.clean();
        LOG.debug("WMI session to {} closed", target);
    }

    public boolean isClosed() {
        return com.isClosed();
    }

    // ---------------------------------------------------------------- on the COM thread

    private WbemNamespace namespace(String ns) {
        String key = ns.toLowerCase(Locale.ROOT);
        WbemNamespace n = namespaces.get(key);
        if (n == null) {
            n = connectWhenReady(ns);
            namespaces.put(key, n);
            LOG.debug("connected to {} on {}", ns, host);
        }
        return n;
    }

    private WbemNamespace connectWhenReady(String ns) {
        long deadline = deadline();
        long pause = tuning.connectRetryBackoff().toMillis();
        while (true) {
            try {
                return connector.connect(ns);
            } catch (ComFailure f) {
                if (!RETRYABLE_CONNECT.contains(f.hresult()) || System.nanoTime() + pause * 1_000_000 >= deadline) throw f;
                LOG.info("{} on {} is not ready ({}); retrying in {} ms", ns, host, WmiErrors.symbol(f.hresult()), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw f;
                }
                pause = Math.min(pause * 2, 2000);
            }
        }
    }

    private WbemObject classDefinition(WbemNamespace n, String ns, String className, long deadline) {
        String key = ns.toLowerCase(Locale.ROOT) + ":" + className.toLowerCase(Locale.ROOT);
        WbemObject c = classes.get(key);
        if (c == null) {
            c = n.getObject(className, remaining(deadline));
            classes.put(key, c);
        }
        return c;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("releasing {} failed: {}", c, e.toString());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private interface ComTask<T> {
        T run();
    }

    private <T> T onCom(String operation, String ns, String detail, ComTask<T> task) {
        return onCom(operation, ns, detail, task, null);
    }

    /** {@code discard} releases a result that arrives after the caller gave up (see {@link ComThread#call}). */
    private <T> T onCom(String operation, String ns, String detail, ComTask<T> task, Consumer<? super T> discard) {
        return com.call(operation, timeout, () -> {
            try {
                return task.run();
            } catch (ComFailure f) {
                throw mapped(f, operation, ns, detail);
            }
        }, discard);
    }

    WmiException mapped(ComFailure f, String operation, String ns, String detail) {
        WmiErrors.Context ctx = new WmiErrors.Context(operation, host, ns, user, detail);
        return WmiErrors.exception(f.hresult(), ctx, f.providerMessage());
    }

    /**
     * Native waits end a margin (a tenth of the budget, 20 ms to 2 s) before the caller stops
     * waiting, so WMI's own timeout, with its more precise message, normally reports first and
     * the COM thread is free again when the caller gives up.
     */
    private long deadline() {
        long margin = Math.max(20_000_000L, Math.min(2_000_000_000L, timeout.toNanos() / 10));
        return System.nanoTime() + Math.max(0, timeout.toNanos() - margin);
    }

    private static long remaining(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    @Override
    public String toString() {
        return "WmiSession[" + target + (user == null ? "" : ", user " + user) + (isClosed() ? ", closed" : "") + "]";
    }
}
