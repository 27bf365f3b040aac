package io.hyperv4j.sim;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimLimits;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.WqlExpr;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.cim.WqlQuery;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * WQL over a lab, on one host: SELECT with subclass matching through the namespace's schema,
 * ASSOCIATORS OF / REFERENCES OF over the providers' associations, and the filters of event
 * subscriptions. A query runs under the lab lock, so it sees one consistent model.
 */
final class SimQueries {
    private static final String OPERATION_EVENT = "__InstanceOperationEvent";

    private SimQueries() {}

    /** Queries parsed lately: inventory clients send the same few texts to every host, over and over. */
    private static final Map<String, WqlQuery> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PARSED_KEPT = 512;

    /** A session's query, refused when longer than {@link CimLimits#MAX_QUERY} before it is parsed. */
    private static WqlQuery parse(String wql) {
        WqlQuery known = wql == null ? null : PARSED.get(wql);
        if (known != null) return known;
        CimLimits.queryProblem(wql).ifPresent(why -> {
            throw new CimException(CimError.INVALID_QUERY, why);
        });
        WqlQuery parsed = Wql.parse(wql);
        if (PARSED.size() >= PARSED_KEPT) PARSED.clear(); // bounded: forget all rather than track use
        PARSED.put(wql, parsed);
        return parsed;
    }

    static List<CimInstance> query(SimSession s, String namespace, String wql) {
        WqlQuery q = parse(wql);
        CimSchema schema = CimSchema.forNamespace(namespace);
        Lab lab = s.lab();
        if (q instanceof WqlQuery.Select sel) {
            if (sel.isEventQuery())
                throw new CimException(CimError.INVALID_QUERY_TYPE, "'" + wql + "' is an event query: use subscribe");
            if (schema.find(sel.className()).isEmpty() && lab.providers().forClass(namespace, sel.className()) == null)
                throw new CimException(CimError.INVALID_CLASS, "class " + sel.className() + " does not exist in " + namespace);
            return lab.read(s.timeout(), () -> select(s.scope(), namespace, sel, schema));
        }
        if (q instanceof WqlQuery.Associators a) {
            return lab.read(s.timeout(), () -> {
                HostScope scope = s.scope();
                requireSource(scope, namespace, a.source());
                return WholeInstances.complete(a.evaluate(associations(scope, namespace, a.source()), p -> find(scope, namespace, p), schema));
            });
        }
        WqlQuery.References r = (WqlQuery.References) q;
        return lab.read(s.timeout(), () -> {
            HostScope scope = s.scope();
            requireSource(scope, namespace, r.source());
            return WholeInstances.complete(r.evaluate(associations(scope, namespace, r.source()), schema));
        });
    }

    private static List<CimInstance> select(HostScope scope, String namespace, WqlQuery.Select sel, CimSchema schema) {
        List<CimInstance> out = new ArrayList<>();
        Map<String, String> equalities = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (sel.where() != null) collectEqualities(sel.where(), equalities);
        List<String> selected = sel.selectsAll() ? null : sel.properties().stream().map(p -> p.split("\\.", 2)[0]).toList();
        java.util.Set<String> read = sel.propertiesRead().orElse(null);
        for (String cls : scope.lab().providers().classesOf(namespace, sel.className(), schema)) {
            SimProvider p = scope.lab().providers().forClass(namespace, cls);
            ObjectPath key = keyPath(scope, namespace, cls, schema, equalities);
            if (key != null) { // WHERE names the whole key: look the one instance up instead of scanning
                CimInstance i = p.instance(scope, key);
                if (i != null && sel.matches(i, schema)) out.add(answer(sel, selected, i));
                continue;
            }
            if (read == null) {
                for (CimInstance i : p.instances(scope, cls)) if (sel.matches(i, schema)) out.add(answer(sel, selected, i));
            } else {
                for (CimInstance i : p.instances(scope, cls, read, sel.propertiesTested(), i -> sel.matches(i, schema)))
                    out.add(answer(sel, selected, i));
            }
        }
        return out;
    }

    /**
     * A matching instance as the query returns it. Matching needs no completion (an absent
     * property is NULL to WQL, as the typed null would be), so only what is returned is
     * completed: the whole instance for {@code *}, else just the selected properties.
     */
    private static CimInstance answer(WqlQuery.Select sel, List<String> selected, CimInstance rendered) {
        if (selected == null) return WholeInstances.complete(rendered);
        return WholeInstances.completeSelected(sel.project(rendered), selected);
    }

    /** {@code Prop = 'text'} conditions joined by AND at the top level of a WHERE clause. */
    private static void collectEqualities(WqlExpr where, Map<String, String> into) {
        for (WqlExpr e : WqlExpr.conjuncts(where)) {
            if (!(e instanceof WqlExpr.Comparison c) || c.op() != WqlExpr.Op.EQ) continue;
            WqlExpr.Operand prop = c.left() instanceof WqlExpr.Property ? c.left() : c.right();
            WqlExpr.Operand lit = prop == c.left() ? c.right() : c.left();
            if (prop instanceof WqlExpr.Property p && p.names().size() == 1 && lit instanceof WqlExpr.Literal l
                    && l.value() instanceof String v)
                into.put(p.names().get(0), v);
        }
    }

    /** The path the equalities pin down for a class whose keys are all strings, or null. */
    private static ObjectPath keyPath(HostScope scope, String namespace, String cls, CimSchema schema, Map<String, String> eq) {
        if (eq.isEmpty() || schema.find(cls).isEmpty()) return null;
        List<CimPropertyDef> keys = schema.keyProperties(cls);
        if (keys.isEmpty()) return null;
        Map<String, Object> values = new LinkedHashMap<>();
        for (CimPropertyDef k : keys) {
            if (k.type() != CimType.STRING || k.array()) return null;
            String v = eq.get(k.name());
            if (v == null && k.name().equalsIgnoreCase("CreationClassName")) v = cls;
            if (v == null) return null;
            values.put(k.name(), v);
        }
        return new ObjectPath(scope.host().name(), namespace, cls, values);
    }

    private static List<CimInstance> associations(HostScope scope, String namespace, ObjectPath source) {
        List<CimInstance> out = new ArrayList<>();
        for (SimProvider p : scope.lab().providers().all())
            if (p.namespace().equalsIgnoreCase(namespace)) out.addAll(p.referencesTo(scope, source));
        return out;
    }

    private static CimInstance find(HostScope scope, String namespace, ObjectPath path) {
        SimProvider p = scope.lab().providers().forClass(path.namespace() != null ? path.namespace() : namespace, path.className());
        return p == null ? null : p.instance(scope, path);
    }

    private static void requireSource(HostScope scope, String namespace, ObjectPath source) {
        if (find(scope, namespace, source) == null)
            throw new CimException(CimError.NOT_FOUND, "no instance " + source.relative() + " on " + scope.host().name());
    }

    /**
     * The filter of an event subscription: the event projected to the selected properties when
     * the query's class and WHERE match it, else null. WITHIN is accepted and has no effect:
     * events are pushed as soon as a change commits.
     */
    static UnaryOperator<CimInstance> eventFilter(SimSession s, String namespace, String wql) {
        WqlQuery q = parse(wql);
        if (!(q instanceof WqlQuery.Select sel) || !sel.isEventQuery())
            throw new CimException(CimError.INVALID_QUERY_TYPE, "'" + wql + "' is not an event query");
        CimSchema schema = CimSchema.forNamespace(namespace);
        schema.require(sel.className());
        if (!schema.isA(sel.className(), OPERATION_EVENT) && !schema.isA(OPERATION_EVENT, sel.className()))
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator raises intrinsic instance events only ("
                    + "__InstanceCreationEvent, __InstanceModificationEvent, __InstanceDeletionEvent), not " + sel.className());
        sel.isaClass("TargetInstance").ifPresent(schema::require);
        return event -> sel.matches(event, schema) ? sel.project(event) : null;
    }
}
