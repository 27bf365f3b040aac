package io.hyperv4j.job;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A tiny in-memory CIM session for testing job handling without a simulator: instances by path,
 * event subscriptions matched by a substring of their query, and a script of future steps that
 * {@link #await} plays one by one (a stand-in for a virtual clock; nothing sleeps).
 */
final class ScriptedSession implements CimSession {
    private final Map<ObjectPath, CimInstance> instances = new HashMap<>();
    private final List<Map.Entry<String, Consumer<CimInstance>>> subscriptions = new ArrayList<>();
    final Deque<Runnable> script = new ArrayDeque<>();
    BiFunction<ObjectPath, String, MethodResult> methods = (p, m) -> new MethodResult(0, Map.of());
    final List<String> invoked = new ArrayList<>();
    boolean closed;
    boolean eventsSupported = true;
    int stepsPerAwait = Integer.MAX_VALUE;
    /** Runs inside {@link #subscribe}, after the listener is registered and before it returns. */
    Runnable duringSubscribe = () -> { };
    /** When set, every {@link #get} fails with this error. */
    CimError failGets;

    void put(CimInstance instance) {
        instances.put(instance.path(), instance);
    }

    void delete(ObjectPath path) {
        instances.remove(path);
    }

    /** Stores the new state and delivers a modification event to matching subscriptions. */
    void modify(CimInstance instance, boolean deliverEvent) {
        CimInstance before = instances.put(instance.path(), instance);
        if (!deliverEvent) return;
        CimInstance.Builder ev = CimInstance.builder("__InstanceModificationEvent")
                .put("TargetInstance", CimValue.object(instance));
        if (before != null) ev.put("PreviousInstance", CimValue.object(before));
        CimInstance event = ev.build();
        for (var s : List.copyOf(subscriptions)) {
            String id = String.valueOf(instance.path().keys().values().iterator().next());
            if (s.getKey().contains("'" + id + "'")) s.getValue().accept(event);
        }
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    @Override public String host() { return "scripted"; }
    @Override public Duration timeout() { return Duration.ofSeconds(5); }

    @Override
    public List<CimInstance> query(String namespace, String wql) {
        throw new CimException(CimError.NOT_SUPPORTED, "no queries here");
    }

    @Override
    public CimInstance get(ObjectPath path) {
        if (failGets != null) throw new CimException(failGets, "scripted failure reading " + path);
        CimInstance i = instances.get(path);
        if (i == null) throw new CimException(CimError.NOT_FOUND, path.toString());
        return i;
    }

    @Override
    public MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in) {
        invoked.add(method + " " + in);
        return methods.apply(target, method);
    }

    @Override
    public Subscription subscribe(String namespace, String eventQuery, Consumer<CimInstance> listener) {
        if (!eventsSupported) throw new CimException(CimError.NOT_SUPPORTED, "no event delivery here");
        var entry = Map.entry(eventQuery, listener);
        subscriptions.add(entry);
        duringSubscribe.run();
        return () -> subscriptions.remove(entry);
    }

    /** Plays scripted steps until the future completes; times out when the script runs dry. */
    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout) {
        for (int i = 0; i < stepsPerAwait && !future.isDone() && !script.isEmpty(); i++) script.poll().run();
        if (!future.isDone()) throw new CimException(CimError.TIMED_OUT, "no completion within " + timeout);
        return future.join();
    }

    @Override
    public void close() {
        closed = true;
    }
}
