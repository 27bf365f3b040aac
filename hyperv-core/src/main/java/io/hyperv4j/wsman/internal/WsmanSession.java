package io.hyperv4j.wsman.internal;

import static io.hyperv4j.wsman.internal.Wsman.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.spi.Redaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * {@link CimSession} over WS-Management, as WinRM serves WMI ([MS-WSMV]). Queries are WQL
 * enumerations of the namespace ({@code .../NAMESPACE/*}), optimized and with each object's EPR;
 * associators and references use the association filter dialect; get and modify are WS-Transfer
 * Get and Put; methods are invoked with the {@code RESOURCE/METHOD} action; events are WS-Eventing
 * subscriptions delivered in pull mode.
 *
 * <p>Get, Enumerate and Identify are retried after a connection failure; Put, Invoke, Pull and
 * Subscribe are not (they may have run).
 */
public final class WsmanSession implements CimSession {
    private static final Logger LOG = LoggerFactory.getLogger(WsmanSession.class);
    private static final int BATCH = 100;
    /** How long one pull waits for events on a host whose time runs by itself. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(5);
    /** The slice of host time one pull may wait while a caller awaits on a host whose time runs only while waited for. */
    private static final Duration VIRTUAL_SLICE = Duration.ofSeconds(1);

    private final WsmanHttp http;
    private final String host;
    private final Duration timeout;
    private final boolean virtualTime;
    private final List<EventPull> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Opens the session: an Identify, so a wrong address or credentials fail here. */
    public WsmanSession(WsmanHttp http, String host, Duration timeout) {
        this.http = http;
        this.host = host;
        this.timeout = timeout;
        String id = "<wsmid:Identify xmlns:wsmid=\"" + IDENTITY + "\"/>";
        String envelope = "<s:Envelope xmlns:s=\"" + SOAP + "\"><s:Header/><s:Body>" + id + "</s:Body></s:Envelope>";
        Soap.Message m = http.send(envelope, timeout, true, "Identify");
        this.virtualTime = m.body().flatMap(b -> Xml.child(b, HYPERV4J, "TimeAdvancesOnlyWhileWaiting")).map(Xml::text)
                .filter("true"::equals).isPresent();
    }

    @Override public String host() { return host; }

    @Override public Duration timeout() { return timeout; }

    @Override public boolean timeAdvancesOnlyWhileWaiting() { return virtualTime; }

    private void checkOpen() {
        if (closed.get()) throw new CimException(CimError.SHUTTING_DOWN, "the WS-Management session to " + Redaction.uri(http.endpoint()) + " is closed");
    }

    private String to() {
        return http.endpoint().toString();
    }

    @Override
    public List<CimInstance> query(String namespace, String wql) {
        String filter = "<w:Filter Dialect=\"" + WQL + "\">" + Xml.escape(wql) + "</w:Filter>";
        return enumerate(resourceUri(namespace, "*"), filter, "ExecQuery in " + namespace);
    }

    @Override
    public List<CimInstance> associators(ObjectPath path, String assocClass, String resultClass) {
        StringBuilder f = new StringBuilder("<w:Filter Dialect=\"").append(ASSOCIATION_FILTER).append("\"><b:AssociatedInstances><b:Object>");
        CimCodec.writeEpr(f, path, path.namespace());
        f.append("</b:Object>");
        if (assocClass != null) f.append("<b:AssociationClassName>").append(Xml.escape(assocClass)).append("</b:AssociationClassName>");
        if (resultClass != null) f.append("<b:ResultClassName>").append(Xml.escape(resultClass)).append("</b:ResultClassName>");
        f.append("</b:AssociatedInstances></w:Filter>");
        return enumerate(resourceUri(path.namespace(), "*"), f.toString(), "associators of " + path.className());
    }

    @Override
    public List<CimInstance> references(ObjectPath path, String resultClass) {
        StringBuilder f = new StringBuilder("<w:Filter Dialect=\"").append(ASSOCIATION_FILTER).append("\"><b:AssociationInstances><b:Object>");
        CimCodec.writeEpr(f, path, path.namespace());
        f.append("</b:Object>");
        if (resultClass != null) f.append("<b:ResultClassName>").append(Xml.escape(resultClass)).append("</b:ResultClassName>");
        f.append("</b:AssociationInstances></w:Filter>");
        return enumerate(resourceUri(path.namespace(), "*"), f.toString(), "references of " + path.className());
    }

    private List<CimInstance> enumerate(String uri, String filter, String what) {
        checkOpen();
        String body = "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>" + BATCH + "</w:MaxElements>"
                + "<w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>" + filter + "</n:Enumerate>";
        Soap.Message m = http.send(Soap.request(to(), ENUMERATE, uri, Optional.empty(), timeout, "", body), timeout, true, what);
        Element r = m.requireBody(ENUMERATION, "EnumerateResponse");
        List<CimInstance> out = new ArrayList<>();
        Optional<Element> items = Xml.child(r, WSMAN, "Items");
        items.ifPresent(i -> readItems(i, out));
        Optional<String> context = Xml.child(r, ENUMERATION, "EnumerationContext").map(Xml::text).filter(s -> !s.isEmpty());
        boolean end = Xml.child(r, WSMAN, "EndOfSequence").isPresent();
        while (!end && context.isPresent()) {
            String pull = "<n:Pull><n:EnumerationContext>" + Xml.escape(context.get()) + "</n:EnumerationContext><n:MaxElements>"
                    + BATCH + "</n:MaxElements></n:Pull>";
            Element pr = http.send(Soap.request(to(), PULL, uri, Optional.empty(), timeout, "", pull), timeout, false, what)
                    .requireBody(ENUMERATION, "PullResponse");
            Xml.child(pr, ENUMERATION, "Items").ifPresent(i -> readItems(i, out));
            context = Xml.child(pr, ENUMERATION, "EnumerationContext").map(Xml::text).filter(s -> !s.isEmpty());
            end = Xml.child(pr, ENUMERATION, "EndOfSequence").isPresent();
        }
        return out;
    }

    private void readItems(Element items, List<CimInstance> out) {
        for (Element item : Xml.children(items)) {
            if (Xml.is(item, WSMAN, "Item")) {
                Element obj = null;
                ObjectPath path = null;
                for (Element c : Xml.children(item)) {
                    if (Xml.is(c, ADDRESSING, "EndpointReference")) path = CimCodec.readEpr(c, host);
                    else obj = c;
                }
                if (obj == null) throw new CimException(CimError.TRANSPORT_FAILURE, "an enumerated item holds no object");
                CimInstance i = CimCodec.readInstance(obj, host);
                out.add(path == null ? i : i.toBuilder().path(path).build());
            } else {
                out.add(CimCodec.readInstance(item, host));
            }
        }
    }

    @Override
    public CimInstance get(ObjectPath path) {
        checkOpen();
        String uri = resourceUri(path.namespace(), path.className());
        Soap.Message m = http.send(Soap.request(to(), GET, uri, Optional.of(path), timeout, "", ""), timeout, true, "get " + path.className());
        Element obj = m.body().orElseThrow(() -> new CimException(CimError.TRANSPORT_FAILURE, "GetResponse holds no object"));
        return CimCodec.readInstance(obj, host).toBuilder().path(path.withServer(host)).build();
    }

    @Override
    public void modify(CimInstance instance) {
        checkOpen();
        ObjectPath path = instance.path();
        if (path == null) throw new CimException(CimError.INVALID_PARAMETER, "modify needs an instance with its path");
        StringBuilder body = new StringBuilder();
        CimCodec.writeInstance(body, path.namespace(), instance);
        http.send(Soap.request(to(), PUT, resourceUri(path.namespace(), path.className()), Optional.of(path), timeout, "", body.toString()),
                timeout, false, "modify " + path.className());
    }

    @Override
    public MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in) {
        checkOpen();
        String ns = target.namespace();
        String uri = resourceUri(ns, target.className());
        StringBuilder body = new StringBuilder("<p:").append(method).append("_INPUT xmlns:p=\"").append(Xml.escape(uri)).append("\">");
        CimCodec.writeProperties(body, "p", ns, in, 0);
        body.append("</p:").append(method).append("_INPUT>");
        Optional<ObjectPath> selectors = target.keys().isEmpty() ? Optional.empty() : Optional.of(target);
        Soap.Message m = http.send(Soap.request(to(), uri + "/" + method, uri, selectors, timeout, "", body.toString()),
                timeout, false, method + " on " + target.className());
        Element out = m.requireBody(uri, method + "_OUTPUT");
        Map<String, CimValue> values = new LinkedHashMap<>(CimCodec.readProperties(out, ns, host,
                (name, array) -> CimCodec.parameterType(ns, target.className(), method, name)));
        CimValue rv = values.remove("ReturnValue");
        return new MethodResult(rv == null || rv.isNull() ? 0 : rv.asLong(), values);
    }

    @Override
    public Subscription subscribe(String namespace, String eventQuery, Consumer<CimInstance> listener) {
        checkOpen();
        String uri = resourceUri(namespace, "*");
        String body = "<e:Subscribe><e:Delivery Mode=\"" + PULL_DELIVERY + "\"/><w:Filter Dialect=\"" + WQL + "\">"
                + Xml.escape(eventQuery) + "</w:Filter></e:Subscribe>";
        Element r = http.send(Soap.request(to(), SUBSCRIBE, uri, Optional.empty(), timeout, "", body), timeout, false, "subscribe in " + namespace)
                .requireBody(EVENTING, "SubscribeResponse");
        String context = Xml.child(r, ENUMERATION, "EnumerationContext").map(Xml::text)
                .orElseThrow(() -> new CimException(CimError.TRANSPORT_FAILURE, "SubscribeResponse holds no EnumerationContext"));
        String id = Xml.find(r, EVENTING, "Identifier").map(Xml::text).orElse(context);
        EventPull p = new EventPull(uri, context, id, listener);
        subscriptions.add(p);
        if (!virtualTime) p.startReader();
        return p;
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration waitFor) {
        if (!virtualTime) return CimSession.super.await(future, waitFor);
        // the host's clock moves only while someone waits: this caller's pulls are that wait
        Duration left = waitFor;
        while (!future.isDone() && left.compareTo(Duration.ZERO) > 0) {
            Duration slice = left.compareTo(VIRTUAL_SLICE) < 0 ? left : VIRTUAL_SLICE;
            if (subscriptions.isEmpty()) clock();
            for (EventPull p : subscriptions) {
                if (future.isDone()) break;
                p.pullOnce(slice);
            }
            left = left.minus(slice);
        }
        return CimSession.super.await(future, Duration.ZERO.equals(left) || left.isNegative() ? Duration.ofNanos(1) : left);
    }

    /**
     * A subscription whose only use is to let the host's clock run while this caller waits with no
     * other subscription open: its pulls wait on the host. Its filter never matches (the management
     * service is never deleted), and only simulated hosts, which always have that namespace, need it.
     */
    private synchronized void clock() {
        if (subscriptions.isEmpty())
            subscribe("root\\virtualization\\v2", "SELECT * FROM __InstanceDeletionEvent WITHIN 3600 WHERE TargetInstance ISA "
                    + "'Msvm_VirtualSystemManagementService'", e -> { });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (EventPull p : subscriptions) p.close();
        http.close();
    }

    /** One pull-mode subscription: pulls events and hands them to the listener. */
    private final class EventPull implements Subscription {
        private final String uri;
        private final String context;
        private final String id;
        private final Consumer<CimInstance> listener;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Object pulling = new Object();
        private Thread reader;

        EventPull(String uri, String context, String id, Consumer<CimInstance> listener) {
            this.uri = uri;
            this.context = context;
            this.id = id;
            this.listener = listener;
        }

        void startReader() {
            reader = new Thread(() -> {
                while (!stopped.get() && !closed.get()) {
                    try {
                        pullOnce(EVENT_WAIT);
                    } catch (CimException e) {
                        if (!stopped.get()) LOG.warn("event subscription on {} ended: {}", Redaction.uri(http.endpoint()), e.getMessage());
                        return;
                    }
                }
            }, "hyperv4j-wsman-events");
            reader.setDaemon(true);
            reader.start();
        }

        /** One Pull waiting at most {@code wait} of the host's time; a TimedOut fault means no event. */
        void pullOnce(Duration wait) {
            synchronized (pulling) {
                if (stopped.get()) return;
                String body = "<n:Pull><n:EnumerationContext>" + Xml.escape(context) + "</n:EnumerationContext><n:MaxTime>" + wait
                        + "</n:MaxTime><n:MaxElements>" + BATCH + "</n:MaxElements></n:Pull>";
                List<CimInstance> events = new ArrayList<>();
                try {
                    Element r = http.send(Soap.request(to(), PULL, uri, Optional.empty(), timeout, "", body),
                            virtualTime ? timeout : timeout.plus(wait), false, "pull events").requireBody(ENUMERATION, "PullResponse");
                    Xml.child(r, ENUMERATION, "Items").ifPresent(i -> readItems(i, events));
                } catch (CimException e) {
                    if (e.error() != CimError.TIMED_OUT) throw e;
                }
                for (CimInstance ev : events) {
                    try {
                        listener.accept(ev);
                    } catch (RuntimeException x) {
                        LOG.warn("event listener failed", x);
                    }
                }
            }
        }

        @Override
        public void close() {
            if (!stopped.compareAndSet(false, true)) return;
            subscriptions.remove(this);
            try {
                String header = "<e:Identifier>" + Xml.escape(id) + "</e:Identifier>";
                http.send(Soap.request(to(), UNSUBSCRIBE, uri, Optional.empty(), timeout, header, "<e:Unsubscribe/>"), timeout, false, "unsubscribe");
            } catch (RuntimeException e) {
                LOG.debug("unsubscribe failed: {}", e.getMessage());
            }
            if (reader != null) {
                try {
                    reader.join(TimeUnit.SECONDS.toMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
