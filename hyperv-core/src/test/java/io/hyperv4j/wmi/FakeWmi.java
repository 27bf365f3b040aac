package io.hyperv4j.wmi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A scripted WMI server behind {@link WbemConnector}: namespaces with class definitions, instances,
 * methods, query results and event streams, plus a record of which thread did what. It is a
 * stand-in for the native binding, not a model of Hyper-V; the session logic under test is real.
 */
class FakeWmi implements WbemConnector {
    final FakeWbemObject.Ledger fixtures = new FakeWbemObject.Ledger();
    final FakeWbemObject.Ledger wire = new FakeWbemObject.Ledger();
    final Map<String, Ns> namespaces = new HashMap<>();
    final Set<Thread> comThreads = ConcurrentHashMap.newKeySet();
    final List<String> apartmentEvents = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> connectFailures = new HashMap<>();
    /** How many connects to a failing namespace fail before it answers (negative: always). */
    final java.util.concurrent.atomic.AtomicInteger connectFailuresLeft = new java.util.concurrent.atomic.AtomicInteger(-1);
    volatile boolean closed;
    volatile Thread closedOn;
    final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch comThreadLeft = new java.util.concurrent.CountDownLatch(1);

    record Method(FakeWbemObject inSignature, Function<FakeWbemObject, FakeWbemObject> body) {}

    Ns ns(String name) {
        return namespaces.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Ns(name));
    }

    FakeWbemObject object(String className, String path) {
        return new FakeWbemObject(fixtures, className, path);
    }

    @Override
    public void enterApartment() {
        apartmentEvents.add("enter " + Thread.currentThread().getName());
    }

    @Override
    public void leaveApartment() {
        apartmentEvents.add("leave " + Thread.currentThread().getName());
        if (Thread.currentThread().getName().startsWith("hyperv4j-com")) comThreadLeft.countDown();
    }

    @Override
    public WbemNamespace connect(String namespace) {
        comThreads.add(Thread.currentThread());
        calls.add("connect " + namespace);
        Long failure = connectFailures.get(namespace.toLowerCase(Locale.ROOT));
        if (failure != null && connectFailuresLeft.getAndDecrement() != 0) throw new ComFailure(failure, "IWbemLocator::ConnectServer");
        Ns ns = namespaces.get(namespace.toLowerCase(Locale.ROOT));
        if (ns == null) throw new ComFailure(0x8004100EL, "IWbemLocator::ConnectServer");
        ns.closed = false;
        return ns;
    }

    @Override
    public void close() {
        closed = true;
        closedOn = Thread.currentThread();
        closedLatch.countDown();
    }

    final class Ns implements WbemNamespace {
        final String name;
        final Map<String, FakeWbemObject> classes = new HashMap<>();
        final Map<String, FakeWbemObject> instances = new HashMap<>();
        final Map<String, Method> methods = new HashMap<>();
        final Map<String, Supplier<FakeEnumerator>> queries = new HashMap<>();
        final Map<String, Supplier<FakeEnumerator>> eventQueries = new HashMap<>();
        volatile boolean closed;
        /** What PutInstance received: the object as written (a copy), its flags, the wait it was given. */
        record Put(String path, List<String> puts, FakeWbemObject written, int flags, long timeoutMillis) {}
        final List<Put> puts = Collections.synchronizedList(new ArrayList<>());
        /** Every instance GetObject handed out, to see what the session did to it. */
        final List<FakeWbemObject> handedOut = Collections.synchronizedList(new ArrayList<>());
        /** Runs inside PutInstance before it stores anything (to script a slow or failing provider). */
        volatile java.util.function.LongConsumer putHook = t -> {};

        Ns(String name) {
            this.name = name;
        }

        FakeWbemObject defineClass(String className) {
            FakeWbemObject c = object(className, null);
            classes.put(className.toLowerCase(Locale.ROOT), c);
            return c;
        }

        void defineMethod(String className, String method, FakeWbemObject inSignature, Function<FakeWbemObject, FakeWbemObject> body) {
            methods.put((className + "." + method).toLowerCase(Locale.ROOT), new Method(inSignature, body));
        }

        private void enter(String call) {
            if (closed) throw new IllegalStateException(call + " on a released IWbemServices");
            comThreads.add(Thread.currentThread());
            calls.add(call);
        }

        @Override
        public WbemEnumerator execQuery(String wql) {
            enter("ExecQuery " + wql);
            Supplier<FakeEnumerator> s = queries.get(wql);
            if (s == null) throw new ComFailure(0x80041017L, "IWbemServices::ExecQuery");
            return s.get();
        }

        @Override
        public WbemEnumerator execNotificationQuery(String wql) {
            enter("ExecNotificationQuery " + wql);
            Supplier<FakeEnumerator> s = eventQueries.get(wql);
            if (s == null) throw new ComFailure(0x80041059L, "IWbemServices::ExecNotificationQuery");
            return s.get();
        }

        @Override
        public WbemObject getObject(String path, long timeoutMillis) {
            enter("GetObject " + path);
            FakeWbemObject c = classes.get(path.toLowerCase(Locale.ROOT));
            if (c != null) return c.copy(wire, null);
            FakeWbemObject i = instances.get(path);
            if (i != null) {
                FakeWbemObject copy = i.copy(wire, i.path());
                handedOut.add(copy);
                return copy;
            }
            throw new ComFailure(0x80041002L, "IWbemServices::GetObject");
        }

        @Override
        public WbemObject newInParameters(WbemObject classDef, String method) {
            enter("GetMethod " + method);
            Method m = methods.get((classDef.className() + "." + method).toLowerCase(Locale.ROOT));
            if (m == null) throw new ComFailure(0x80041002L, "IWbemClassObject::GetMethod");
            return m.inSignature == null ? null : m.inSignature.copy(wire, null);
        }

        @Override
        public WbemObject spawnInstance(String className, long timeoutMillis) {
            enter("SpawnInstance " + className);
            FakeWbemObject c = classes.get(className.toLowerCase(Locale.ROOT));
            if (c == null) throw new ComFailure(0x80041010L, "IWbemServices::GetObject");
            return c.copy(wire, null);
        }

        @Override
        public WbemObject execMethod(String path, String method, WbemObject inParams, long timeoutMillis) {
            enter("ExecMethod " + path + " " + method);
            String cls = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
            Method m = methods.get((cls + "." + method).toLowerCase(Locale.ROOT));
            FakeWbemObject out = m.body.apply((FakeWbemObject) inParams);
            return out == null ? null : out.copy(wire, null);
        }

        @Override
        public void putInstance(WbemObject instance, int flags, long timeoutMillis) {
            FakeWbemObject o = (FakeWbemObject) instance;
            enter("PutInstance " + o.path() + " flags=" + flags);
            putHook.accept(timeoutMillis);
            String key = o.path() == null ? null : o.path().substring(o.path().indexOf(':') + 1);
            if ((flags & WBEM_FLAG_UPDATE_ONLY) != 0 && (key == null || !instances.containsKey(key)))
                throw new ComFailure(0x80041002L, "IWbemServices::PutInstance");
            FakeWbemObject written = o.copy(fixtures, o.path());
            instances.put(key, written);
            puts.add(new Put(o.path(), o.puts(), written, flags, timeoutMillis));
        }

        @Override
        public void close() {
            comThreads.add(Thread.currentThread());
            calls.add("release " + name);
            closed = true;
        }
    }
}
