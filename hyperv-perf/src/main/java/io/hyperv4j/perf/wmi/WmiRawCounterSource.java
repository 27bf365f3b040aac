package io.hyperv4j.perf.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterDefinition;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.source.CatalogExpansion;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.source.RawBatch;
import io.hyperv4j.perf.source.RawReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters read from the WMI raw performance classes (Win32_PerfRawData_*) in root\cimv2 through a
 * {@link CimSession}: the fallback where PDH is not usable (remote over WMI, or PDH's counters
 * disabled). One query per class per collection; values are cooked by the sampler exactly as PDH
 * would. A missing class or property is reported unavailable, never zero; a session that fails
 * with a transport error or times out is a host that does not answer. Thread-safe (it keeps no state
 * beside its thread-safe session); each reader it opens belongs to one sampler.
 */
public final class WmiRawCounterSource implements CounterSource {
    /** The namespace of the raw performance classes. */
    public static final String NAMESPACE = "root\\cimv2";
    private final CimSession session;
    private final CounterCatalog catalog;

    /**
     * A source over a session, with the standard catalog.
     *
     * @param session a session to the host's WMI; the source does not close it
     */
    public WmiRawCounterSource(CimSession session) {
        this(session, CounterCatalog.standard());
    }

    /**
     * A source over a session, with a catalog of its own.
     *
     * @param session a session to the host's WMI; the source does not close it
     * @param catalog the counter sets offered
     */
    public WmiRawCounterSource(CimSession session, CounterCatalog catalog) {
        this.session = session;
        this.catalog = catalog;
    }

    @Override
    public String host() {
        return session.host();
    }

    @Override
    public List<CounterSetDefinition> counterSets() {
        return catalog.sets();
    }

    @Override
    public List<String> instances(String counterSet) {
        CounterSetDefinition set = catalog.require(counterSet);
        if (!set.multiInstance()) return List.of();
        List<String> out = new ArrayList<>();
        List<CimInstance> rows;
        try {
            rows = query(set.wmiRawClass());
        } catch (ClassUnavailable e) {
            return out; // the set is not installed here: its counters will read PDH_CSTATUS_NO_OBJECT
        }
        for (CimInstance row : rows) {
            String name = row.getString("Name");
            if (name != null) out.add(name);
        }
        return out;
    }

    @Override
    public List<CounterDescriptor> expand(CounterPath path) {
        return CatalogExpansion.expand(host(), path, catalog, this::instances);
    }

    @Override
    public RawReader open(List<CounterDescriptor> counters) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        WmiRawMapping[] mappings = new WmiRawMapping[counters.size()];
        for (int i = 0; i < mappings.length; i++) {
            CounterPath p = counters.get(i).path();
            CounterSetDefinition set = catalog.require(p.object());
            CounterDefinition c = catalog.require(p);
            mappings[i] = WmiRawMapping.of(set, c, p.instance());
            byClass.computeIfAbsent(set.wmiRawClass(), k -> new ArrayList<>()).add(i);
        }
        return batch -> {
            for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
                List<CimInstance> rows;
                try {
                    rows = query(e.getKey());
                } catch (ClassUnavailable u) {
                    for (int i : e.getValue()) batch.unavailable(i, PdhStatus.NO_OBJECT);
                    continue;
                }
                for (int i : e.getValue()) {
                    CimInstance row = null;
                    for (CimInstance r : rows) {
                        if (mappings[i].matches(r)) {
                            row = r;
                            break;
                        }
                    }
                    if (row == null) batch.unavailable(i, PdhStatus.NO_INSTANCE);
                    else mappings[i].fill(row, batch, i);
                }
            }
            batch.timestampMillis = System.currentTimeMillis();
        };
    }

    private List<CimInstance> query(String wmiClass) {
        try {
            return session.query(NAMESPACE, WmiRawMapping.query(wmiClass));
        } catch (CimException e) {
            if (e.error() == CimError.INVALID_CLASS || e.error() == CimError.NOT_FOUND) throw new ClassUnavailable();
            if (e.error() == CimError.TRANSPORT_FAILURE || e.error() == CimError.TIMED_OUT || e.error() == CimError.SHUTTING_DOWN
                    || e.error() == CimError.CALL_CANCELLED) {
                throw new HostUnavailableException(host(), e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The raw class does not exist on this host (its provider is not installed or disabled). */
    private static final class ClassUnavailable extends RuntimeException {
        ClassUnavailable() {
            super(null, null, false, false);
        }
    }
}
