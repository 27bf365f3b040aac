package io.hyperv4j.cim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed WQL statement ({@link Wql#parse}): a {@link Select} (data or event query), an
 * {@link Associators} or a {@link References} query. Each can be evaluated against instances.
 * Immutable.
 */
public sealed interface WqlQuery {

    /**
     * The statement as WQL text; {@link Wql#parse} of it gives an equal query.
     *
     * @return the text
     */
    String toWql();

    /**
     * {@code SELECT * | p1, p2 FROM Class [WITHIN n] [WHERE condition]}. An event query selects
     * from an event class ({@code __InstanceModificationEvent}) and usually has WITHIN; its
     * instances carry TargetInstance / PreviousInstance as embedded objects.
     *
     * @param properties selected property names (dotted names allowed), empty for {@code *}
     * @param className  the FROM class
     * @param where      the condition, or null when there is none
     * @param within     the polling interval of an event query, or null
     */
    record Select(List<String> properties, String className, WqlExpr where, Duration within) implements WqlQuery {
        /**
         * Copies the property list.
         *
         * @param properties selected property names, empty for {@code *}
         * @param className  the FROM class
         * @param where      the condition, or null
         * @param within     the polling interval, or null
         */
        public Select {
            properties = List.copyOf(properties);
            Objects.requireNonNull(className, "className");
        }

        /** {@inheritDoc} */
        public String toWql() {
            StringBuilder b = new StringBuilder("SELECT ").append(selectsAll() ? "*" : String.join(", ", properties))
                    .append(" FROM ").append(className);
            if (within != null)
                b.append(" WITHIN ").append(java.math.BigDecimal.valueOf(within.toNanos(), 9).stripTrailingZeros().toPlainString());
            if (where != null) b.append(" WHERE ").append(where.toWql());
            return b.toString();
        }

        /**
         * The properties the query reads to answer: those selected and those its condition tests,
         * by their first name. A source may render only these (and the keys) for the query.
         *
         * @return the names, case-insensitive; empty for {@code *}, which reads every property
         */
        public Optional<Set<String>> propertiesRead() {
            if (selectsAll()) return Optional.empty();
            Set<String> read = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String p : properties) read.add(p.split("\\.", 2)[0]);
            if (where != null) read.addAll(WqlExpr.propertiesIn(where));
            return Optional.of(java.util.Collections.unmodifiableSet(read));
        }

        /**
         * The properties the WHERE condition tests, by their first name: a source that can read
         * these cheaply may test the condition before rendering the rest of an instance.
         *
         * @return the names, case-insensitive; empty without a WHERE
         */
        public Set<String> propertiesTested() {
            return where == null ? Set.of() : java.util.Collections.unmodifiableSet(WqlExpr.propertiesIn(where));
        }

        /**
         * Whether the query selects {@code *}.
         *
         * @return true when no property list was given
         */
        public boolean selectsAll() {
            return properties.isEmpty();
        }

        /**
         * Selects from an intrinsic or extrinsic event class (derived from __Event), or has WITHIN.
         *
         * @return true for an event query
         */
        public boolean isEventQuery() {
            return within != null || WqlValues.isA(className, "__Event", ClassHierarchy.FLAT);
        }

        /**
         * The instance's class is the FROM class or derives from it, and the WHERE condition holds.
         *
         * @param instance the candidate
         * @param classes  the class hierarchy for ISA and the FROM class
         * @return whether the instance is selected
         */
        public boolean matches(CimInstance instance, ClassHierarchy classes) {
            return WqlValues.isA(instance.className(), className, classes) && (where == null || where.test(instance, classes));
        }

        /**
         * The instance with only the selected properties (first name of a dotted one), path kept.
         *
         * @param instance a matching instance
         * @return the projection (the instance itself for {@code *})
         */
        public CimInstance project(CimInstance instance) {
            if (selectsAll()) return instance;
            if (instance.properties().keySet().stream().allMatch(this::selects)) return instance;
            CimInstance.Builder b = CimInstance.builder(instance.className()).path(instance.path());
            for (Map.Entry<String, CimValue> e : instance.properties().entrySet())
                if (selects(e.getKey())) b.put(e.getKey(), e.getValue());
            return b.build();
        }

        /** Whether the property (by its first name, for a dotted one) is selected; a few names, so a scan. */
        private boolean selects(String property) {
            for (String p : properties) {
                int dot = p.indexOf('.');
                if (dot < 0 ? p.equalsIgnoreCase(property)
                        : dot == property.length() && p.regionMatches(true, 0, property, 0, dot)) return true;
            }
            return false;
        }

        /**
         * The class a property must be an instance of for every match: {@code isaClass("TargetInstance")}
         * is {@code Msvm_ComputerSystem} for {@code WHERE TargetInstance ISA 'Msvm_ComputerSystem' AND ...}.
         * Only ISA conditions joined by AND at the top level count.
         *
         * @param property the (embedded-object) property
         * @return the class, or empty when the condition does not fix one
         */
        public Optional<String> isaClass(String property) {
            return where == null ? Optional.empty() : isa(where, property);
        }

        private static Optional<String> isa(WqlExpr where, String property) {
            for (WqlExpr e : WqlExpr.conjuncts(where))
                if (e instanceof WqlExpr.Isa i && i.property().names().size() == 1 && i.property().names().get(0).equalsIgnoreCase(property))
                    return Optional.of(i.className());
            return Optional.empty();
        }
    }

    /**
     * {@code ASSOCIATORS OF {path} [WHERE AssocClass = A ResultClass = R Role = X ResultRole = Y
     * ClassDefsOnly KeysOnly RequiredQualifier = Q RequiredAssocQualifier = Q]}; absent filters are null.
     *
     * @param source                 the source instance
     * @param assocClass             AssocClass, or null
     * @param resultClass            ResultClass, or null
     * @param role                   Role, or null
     * @param resultRole             ResultRole, or null
     * @param classDefsOnly          ClassDefsOnly
     * @param keysOnly               KeysOnly
     * @param requiredQualifier      RequiredQualifier, or null
     * @param requiredAssocQualifier RequiredAssocQualifier, or null
     */
    record Associators(ObjectPath source, String assocClass, String resultClass, String role, String resultRole,
                       boolean classDefsOnly, boolean keysOnly, String requiredQualifier, String requiredAssocQualifier)
            implements WqlQuery {
        /**
         * Checks the source.
         *
         * @param source                 the source instance
         * @param assocClass             AssocClass, or null
         * @param resultClass            ResultClass, or null
         * @param role                   Role, or null
         * @param resultRole             ResultRole, or null
         * @param classDefsOnly          ClassDefsOnly
         * @param keysOnly               KeysOnly
         * @param requiredQualifier      RequiredQualifier, or null
         * @param requiredAssocQualifier RequiredAssocQualifier, or null
         */
        public Associators {
            Objects.requireNonNull(source, "source");
        }

        /** {@inheritDoc} */
        public String toWql() {
            StringBuilder b = new StringBuilder();
            filter(b, "AssocClass", assocClass);
            filter(b, "ResultClass", resultClass);
            filter(b, "Role", role);
            filter(b, "ResultRole", resultRole);
            filter(b, "RequiredQualifier", requiredQualifier);
            filter(b, "RequiredAssocQualifier", requiredAssocQualifier);
            if (classDefsOnly) b.append(" ClassDefsOnly");
            if (keysOnly) b.append(" KeysOnly");
            return "ASSOCIATORS OF {" + source + "}" + (b.length() == 0 ? "" : " WHERE" + b);
        }

        /**
         * The instances associated with the source: for each association instance of AssocClass that
         * refers to the source (through the property Role, if given), each other reference (named
         * ResultRole, if given) is resolved and kept when its class is ResultClass or derives from it.
         * Paths are compared without server and namespace; no instance is returned twice.
         *
         * @param associations candidate association instances
         * @param resolve      looks an instance up by path; may return null for a dangling reference
         * @param classes      the class hierarchy for the class filters
         * @return the associated instances, each once
         */
        public List<CimInstance> evaluate(Collection<CimInstance> associations, Function<ObjectPath, CimInstance> resolve,
                                          ClassHierarchy classes) {
            Set<ObjectPath> seen = new LinkedHashSet<>();
            List<CimInstance> result = new ArrayList<>();
            for (CimInstance assoc : associations) {
                if (assocClass != null && !WqlValues.isA(assoc.className(), assocClass, classes)) continue;
                if (!refersTo(assoc, source, role)) continue;
                for (Map.Entry<String, CimValue> e : assoc.properties().entrySet()) {
                    CimValue v = e.getValue();
                    if (v.type() != CimType.REFERENCE || v.array() || v.isNull()) continue;
                    if (role != null && e.getKey().equalsIgnoreCase(role) && sameObject(v.asPath(), source)) continue;
                    if (role == null && sameObject(v.asPath(), source)) continue;
                    if (resultRole != null && !e.getKey().equalsIgnoreCase(resultRole)) continue;
                    ObjectPath target = v.asPath();
                    if (!seen.add(target.relative())) continue;
                    if (resultClass != null && cannotBe(target.className(), resultClass, classes)) continue; // not rendered to be dropped
                    CimInstance found = resolve.apply(target);
                    if (found == null) continue;
                    if (resultClass != null && !WqlValues.isA(found.className(), resultClass, classes)) continue;
                    result.add(found);
                }
            }
            return result;
        }

        /**
         * Whether an instance at a path naming {@code pathClass} cannot be a {@code resultClass}:
         * it is a {@code pathClass} (or derives from it), so with single inheritance the two
         * classes must be on one line of descent for it to be both.
         */
        private static boolean cannotBe(String pathClass, String resultClass, ClassHierarchy classes) {
            return pathClass != null && !WqlValues.isA(pathClass, resultClass, classes) && !WqlValues.isA(resultClass, pathClass, classes);
        }
    }

    /**
     * {@code REFERENCES OF {path} [WHERE ResultClass = R Role = X ClassDefsOnly KeysOnly RequiredQualifier = Q]}.
     *
     * @param source            the target instance
     * @param resultClass       ResultClass, or null
     * @param role              Role, or null
     * @param classDefsOnly     ClassDefsOnly
     * @param keysOnly          KeysOnly
     * @param requiredQualifier RequiredQualifier, or null
     */
    record References(ObjectPath source, String resultClass, String role, boolean classDefsOnly, boolean keysOnly,
                      String requiredQualifier) implements WqlQuery {
        /**
         * Checks the source.
         *
         * @param source            the target instance
         * @param resultClass       ResultClass, or null
         * @param role              Role, or null
         * @param classDefsOnly     ClassDefsOnly
         * @param keysOnly          KeysOnly
         * @param requiredQualifier RequiredQualifier, or null
         */
        public References {
            Objects.requireNonNull(source, "source");
        }

        /** {@inheritDoc} */
        public String toWql() {
            StringBuilder b = new StringBuilder();
            filter(b, "ResultClass", resultClass);
            filter(b, "Role", role);
            filter(b, "RequiredQualifier", requiredQualifier);
            if (classDefsOnly) b.append(" ClassDefsOnly");
            if (keysOnly) b.append(" KeysOnly");
            return "REFERENCES OF {" + source + "}" + (b.length() == 0 ? "" : " WHERE" + b);
        }

        /**
         * The association instances of ResultClass that refer to the source (through Role, if given).
         *
         * @param associations candidate association instances
         * @param classes      the class hierarchy for ResultClass
         * @return the referring associations
         */
        public List<CimInstance> evaluate(Collection<CimInstance> associations, ClassHierarchy classes) {
            List<CimInstance> result = new ArrayList<>();
            for (CimInstance assoc : associations) {
                if (resultClass != null && !WqlValues.isA(assoc.className(), resultClass, classes)) continue;
                if (refersTo(assoc, source, role)) result.add(assoc);
            }
            return result;
        }
    }

    /** Names are written bare when they are identifiers, else quoted. */
    private static void filter(StringBuilder b, String name, String value) {
        if (value == null) return;
        boolean bare = !value.isEmpty() && (Character.isLetter(value.charAt(0)) || value.charAt(0) == '_')
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
        b.append(' ').append(name).append(" = ").append(bare ? value : Wql.quote(value));
    }

    private static boolean refersTo(CimInstance assoc, ObjectPath source, String role) {
        for (Map.Entry<String, CimValue> e : assoc.properties().entrySet()) {
            CimValue v = e.getValue();
            if (v.type() != CimType.REFERENCE || v.array() || v.isNull()) continue;
            if (role != null && !e.getKey().equalsIgnoreCase(role)) continue;
            if (sameObject(v.asPath(), source)) return true;
        }
        return false;
    }

    /** Same class and keys; server and namespace are ignored when either side lacks them. */
    private static boolean sameObject(ObjectPath a, ObjectPath b) {
        if (!a.relative().equals(b.relative())) return false;
        if (a.namespace() != null && b.namespace() != null && !a.namespace().equalsIgnoreCase(b.namespace())) return false;
        return a.isLocal() || b.isLocal() || a.server().toLowerCase(Locale.ROOT).equals(b.server().toLowerCase(Locale.ROOT));
    }
}
