package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.ClassHierarchy;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes of one WMI namespace, as Microsoft documents them, and the checks every method call
 * and every embedded instance goes through. Immutable and thread-safe.
 *
 * <p>Data comes from {@code io/hyperv4j/schema/<file>.json} on the class path; the file name is
 * the namespace without {@code root\}, lower case, backslashes as dashes
 * ({@code root\virtualization\v2} -> {@code virtualization-v2.json}, {@code root\MSCluster} ->
 * {@code mscluster.json}); a file may name more files of the same namespace under {@code includes}
 * (one per area, e.g. virtual networking). The WMI system classes in {@code system.json} ({@code __Event},
 * {@code __InstanceModificationEvent}, ...) are part of every namespace.
 *
 * <p>Every check throws {@link CimException} whose message names the class, method, parameter or
 * property at fault and what was wrong; nothing is ever changed by a failed check.
 */
public final class CimSchema implements ClassHierarchy {
    static final String RESOURCE_DIR = "io/hyperv4j/schema/";
    private static final String SYSTEM_FILE = "system";
    private static final Map<String, CimSchema> CACHE = new ConcurrentHashMap<>();

    private final String namespace;
    /** By name, case-insensitively; a class of a data file is read whole on first use (see {@link SchemaJson.Outline}). */
    private final Map<String, SchemaJson.LazyClass> entries;
    private final Map<String, CimClass> classes = new ClassView();
    private final Set<String> external;
    private final Map<String, List<CimPropertyDef>> allPropertiesCache = new ConcurrentHashMap<>();
    private final Map<String, Map<String, CimPropertyDef>> propertyIndexCache = new ConcurrentHashMap<>();
    private final ValueCoercion coercion = new ValueCoercion(this);

    private CimSchema(String namespace, Collection<SchemaJson.LazyClass> classes, Set<String> external) {
        this.namespace = namespace;
        TreeMap<String, SchemaJson.LazyClass> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (SchemaJson.LazyClass c : classes) {
            if (m.put(c.name, c) != null)
                throw new CimException(CimError.INVALID_CLASS, "schema " + namespace + " defines class " + c.name + " twice");
        }
        this.entries = Collections.unmodifiableMap(m);
        TreeSet<String> ext = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ext.addAll(external);
        this.external = Collections.unmodifiableSet(ext);
        for (SchemaJson.LazyClass c : classes) ancestry(c.name); // refuses cycles early
    }

    private static List<SchemaJson.LazyClass> built(Collection<CimClass> classes) {
        List<SchemaJson.LazyClass> out = new ArrayList<>();
        for (CimClass c : classes) out.add(SchemaJson.LazyClass.of(c));
        return out;
    }

    /** The classes by name; reading one reads it whole, iterating reads them all. */
    private final class ClassView extends java.util.AbstractMap<String, CimClass> {
        private volatile Map<String, CimClass> whole;

        @Override
        public CimClass get(Object name) {
            SchemaJson.LazyClass c = name instanceof String s ? entries.get(s) : null;
            return c == null ? null : c.get();
        }

        @Override
        public boolean containsKey(Object name) {
            return name instanceof String s && entries.containsKey(s);
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public Set<String> keySet() {
            return entries.keySet();
        }

        @Override
        public Set<Map.Entry<String, CimClass>> entrySet() {
            Map<String, CimClass> w = whole;
            if (w == null) {
                TreeMap<String, CimClass> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (SchemaJson.LazyClass c : entries.values()) m.put(c.name, c.get());
                whole = w = Collections.unmodifiableMap(m);
            }
            return w.entrySet();
        }
    }

    /**
     * The schema of a namespace, loaded once and cached. The namespace compares case-insensitively
     * and may be given with a server prefix ({@code \\HOST\root\virtualization\v2}) or forward slashes.
     *
     * @param namespace the namespace, e.g. {@code root\virtualization\v2}
     * @return its schema, shared
     * @throws CimException INVALID_NAMESPACE when no data file exists for it
     */
    public static CimSchema forNamespace(String namespace) {
        String key = normalize(namespace);
        CimSchema cached = CACHE.get(key);
        if (cached != null) return cached;
        // one thread reads a namespace; another asking meanwhile waits for it rather than reading it again
        return CACHE.computeIfAbsent(key, k -> load(namespace, k));
    }

    /**
     * A schema from classes built in code, e.g. for a test or a provider's private namespace.
     *
     * @param namespace the namespace it describes
     * @param classes   its classes
     * @return the schema
     */
    public static CimSchema of(String namespace, Collection<CimClass> classes) {
        return new CimSchema(namespace, built(classes), Set.of());
    }

    /**
     * A schema from one data file's contents (without the system classes unless it defines them).
     *
     * @param json   the file's contents, read to the end
     * @param origin where it came from, for error messages
     * @return the schema
     */
    public static CimSchema fromJson(InputStream json, String origin) {
        SchemaJson.Document d = SchemaJson.read(json, origin);
        return new CimSchema(d.namespace(), built(d.classes()), d.external());
    }

    static String normalize(String namespace) {
        if (namespace == null || namespace.isBlank())
            throw new CimException(CimError.INVALID_NAMESPACE, "no namespace given");
        String n = namespace.trim().replace('/', '\\');
        if (n.startsWith("\\\\")) { // \\server\root\...
            int i = n.indexOf('\\', 2);
            n = i < 0 ? "" : n.substring(i + 1);
        }
        while (n.startsWith("\\")) n = n.substring(1);
        return n.toLowerCase(Locale.ROOT);
    }

    static String fileName(String normalizedNamespace) {
        String n = normalizedNamespace;
        if (n.startsWith("root\\")) n = n.substring(5);
        return n.replace('\\', '-') + ".json";
    }

    private static CimSchema load(String namespace, String key) {
        String file = fileName(key);
        SchemaJson.Outline main = readResource(file);
        if (main == null || file.equals(SYSTEM_FILE + ".json"))
            throw new CimException(CimError.INVALID_NAMESPACE, "no class schema for namespace " + namespace
                    + " (looked for " + RESOURCE_DIR + file + ")");
        if (main.namespace() == null || !normalize(main.namespace()).equals(key))
            throw new CimException(CimError.INVALID_NAMESPACE, RESOURCE_DIR + file + " declares namespace "
                    + main.namespace() + ", not " + namespace);
        SchemaJson.Outline system = readResource(SYSTEM_FILE + ".json");
        List<SchemaJson.LazyClass> all = new ArrayList<>(main.classes());
        Set<String> ext = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ext.addAll(main.external());
        for (String include : main.includes()) {
            SchemaJson.Outline part = readResource(include);
            if (part == null || part.namespace() == null || !normalize(part.namespace()).equals(key))
                throw new CimException(CimError.INVALID_NAMESPACE, RESOURCE_DIR + file + " includes " + include
                        + ", which is missing or not of namespace " + namespace);
            all.addAll(part.classes());
            ext.addAll(part.external());
        }
        if (system != null) {
            all.addAll(system.classes());
            ext.addAll(system.external());
        }
        return new CimSchema(main.namespace(), all, ext);
    }

    private static SchemaJson.Outline readResource(String file) {
        ClassLoader cl = CimSchema.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE_DIR + file)) {
            return in == null ? null : SchemaJson.outline(SchemaJson.readAll(in, file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE_DIR + file, e);
        }
    }

    // ---- lookup ------------------------------------------------------------------------------

    /**
     * The namespace as its data file spells it, e.g. {@code root\virtualization\v2}.
     *
     * @return the namespace
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Every class, by name (case-insensitive).
     *
     * @return the classes, unmodifiable
     */
    public Map<String, CimClass> classes() {
        return classes;
    }

    /**
     * Class names the data mentions (embedded instances, references) but deliberately does not define.
     *
     * @return the names
     */
    public Set<String> externalClasses() {
        return external;
    }

    /**
     * A class by name, ignoring case.
     *
     * @param className the class name
     * @return the class, or empty
     */
    public Optional<CimClass> find(String className) {
        return Optional.ofNullable(className == null ? null : classes.get(className));
    }

    /**
     * A class that must exist.
     *
     * @param className the class name
     * @return the class
     * @throws CimException INVALID_CLASS naming the class when it is not in this namespace
     */
    public CimClass require(String className) {
        return find(className).orElseThrow(() -> new CimException(CimError.INVALID_CLASS,
                "class " + className + " does not exist in " + namespace));
    }

    /**
     * The class and its ancestors, the class first.
     *
     * @param className the class name
     * @return the chain
     */
    public List<CimClass> superclassChain(String className) {
        require(className);
        List<CimClass> chain = new ArrayList<>();
        for (SchemaJson.LazyClass c : ancestry(className)) chain.add(c.get());
        return chain;
    }

    /** The class and its ancestors by name, read from the outline without building any class. */
    private List<SchemaJson.LazyClass> ancestry(String className) {
        List<SchemaJson.LazyClass> chain = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        SchemaJson.LazyClass c = entries.get(className);
        while (c != null) {
            if (!seen.add(c.name))
                throw new CimException(CimError.INVALID_CLASS, "schema " + namespace + ": class " + className
                        + " has a superclass cycle through " + c.name);
            chain.add(c);
            c = c.superclass == null ? null : entries.get(c.superclass);
        }
        return chain;
    }

    /** Whether the class's superclass chain ends without a missing class (for {@link SchemaCheck}). */
    boolean superclassChainSafe(String className) {
        SchemaJson.LazyClass c = entries.get(className);
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        while (c != null && seen.add(c.name)) {
            if (c.superclass == null) return true;
            c = entries.get(c.superclass);
        }
        return false;
    }

    /** Equal names (ignoring case) always match; otherwise the known superclass chain decides. */
    @Override
    public boolean isA(String className, String ancestor) {
        if (className.equalsIgnoreCase(ancestor)) return true;
        SchemaJson.LazyClass c = entries.get(className);
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        while (c != null && c.superclass != null && seen.add(c.name)) {
            if (c.superclass.equalsIgnoreCase(ancestor)) return true;
            c = entries.get(c.superclass);
        }
        return false;
    }

    /**
     * The direct and indirect subclasses of a class (not the class itself).
     *
     * @param className the class name
     * @return the subclasses
     */
    public List<CimClass> subclasses(String className) {
        List<CimClass> out = new ArrayList<>();
        for (SchemaJson.LazyClass c : entries.values())
            if (!c.name.equalsIgnoreCase(className) && isA(c.name, className)) out.add(c.get());
        return out;
    }

    /**
     * Every property of the class including inherited ones, ancestors' first; a property a
     * subclass redeclares keeps its ancestor's position and takes the subclass's definition.
     *
     * @param className the class name
     * @return the properties
     */
    public List<CimPropertyDef> allProperties(String className) {
        CimClass cls = require(className);
        return allPropertiesCache.computeIfAbsent(cls.name().toLowerCase(Locale.ROOT), k -> {
            List<CimClass> chain = superclassChain(cls.name());
            LinkedHashMap<String, CimPropertyDef> byName = new LinkedHashMap<>();
            for (int i = chain.size() - 1; i >= 0; i--) {
                for (CimPropertyDef p : chain.get(i).properties()) byName.put(p.name().toLowerCase(Locale.ROOT), p);
            }
            return List.copyOf(byName.values());
        });
    }

    /**
     * A property as the class sees it (declared or inherited), ignoring case.
     *
     * @param className    the class name
     * @param propertyName the property name
     * @return the definition, or empty
     */
    public Optional<CimPropertyDef> property(String className, String propertyName) {
        // An index per class: decoding an instance looks up every property, which a scan made quadratic.
        Map<String, CimPropertyDef> index = propertyIndexCache.computeIfAbsent(require(className).name().toLowerCase(Locale.ROOT), k -> {
            Map<String, CimPropertyDef> byName = new HashMap<>();
            for (CimPropertyDef p : allProperties(className)) byName.put(p.name().toLowerCase(Locale.ROOT), p);
            return Map.copyOf(byName);
        });
        return Optional.ofNullable(index.get(propertyName.toLowerCase(Locale.ROOT)));
    }

    /**
     * A property that must exist.
     *
     * @param className    the class name
     * @param propertyName the property name
     * @return the definition
     * @throws CimException INVALID_PROPERTY naming {@code Class.Property}
     */
    public CimPropertyDef requireProperty(String className, String propertyName) {
        return property(className, propertyName).orElseThrow(() -> new CimException(CimError.INVALID_PROPERTY,
                className + "." + propertyName + " does not exist"));
    }

    /**
     * The key properties, in property order.
     *
     * @param className the class name
     * @return the keys
     */
    public List<CimPropertyDef> keyProperties(String className) {
        return allProperties(className).stream().filter(CimPropertyDef::key).toList();
    }

    /**
     * The method as the class sees it: its own declaration or the nearest ancestor's.
     *
     * @param className  the class name
     * @param methodName the method name, ignoring case
     * @return the definition, or empty
     */
    public Optional<CimMethodDef> method(String className, String methodName) {
        for (CimClass c : superclassChain(className)) {
            Optional<CimMethodDef> m = c.declaredMethod(methodName);
            if (m.isPresent()) return m;
        }
        return Optional.empty();
    }

    /**
     * A method that must exist.
     *
     * @param className  the class name
     * @param methodName the method name
     * @return the definition
     * @throws CimException INVALID_METHOD naming {@code Class.Method}
     */
    public CimMethodDef requireMethod(String className, String methodName) {
        CimClass cls = require(className);
        return method(cls.name(), methodName).orElseThrow(() -> new CimException(CimError.INVALID_METHOD,
                cls.name() + " has no method " + methodName));
    }

    /**
     * Every method the class has, inherited ones included; a redeclaration hides the ancestor's.
     *
     * @param className the class name
     * @return the methods
     */
    public List<CimMethodDef> allMethods(String className) {
        LinkedHashMap<String, CimMethodDef> byName = new LinkedHashMap<>();
        List<CimClass> chain = superclassChain(className);
        for (int i = chain.size() - 1; i >= 0; i--)
            for (CimMethodDef m : chain.get(i).methods()) byName.put(m.name().toLowerCase(Locale.ROOT), m);
        return List.copyOf(byName.values());
    }

    // ---- validation --------------------------------------------------------------------------

    /**
     * Checks a method call and returns its in-parameters converted to their declared types: every
     * in-parameter of the method, in declared order, under its declared spelling, absent ones as
     * typed nulls. Text is parsed (a uint16 given as "2", a reference given as a path string, a
     * datetime in CIM text form), integers change width when the value fits, and embedded instances,
     * given as CIM-XML text or as instances, come back as OBJECT values checked by
     * {@link #coerceInstance}.
     *
     * @throws CimException INVALID_CLASS (unknown class), INVALID_METHOD (unknown method),
     *                      INVALID_METHOD_PARAMETERS (unknown or out-only parameter, or one given
     *                      twice in different case), TYPE_MISMATCH (a value that does not convert)
     * @param className  the class
     * @param methodName the method
     * @param in         the caller's in-parameters, by name in any case
     * @return every in-parameter, converted
     */
    public Map<String, CimValue> checkInvocation(String className, String methodName, Map<String, CimValue> in) {
        CimClass cls = require(className);
        CimMethodDef m = requireMethod(cls.name(), methodName);
        String where = cls.name() + "." + m.name();
        Map<String, CimValue> given = byParameter(where, m, in == null ? Map.of() : in, true);
        LinkedHashMap<String, CimValue> out = new LinkedHashMap<>();
        for (CimParameterDef p : m.inParameters()) {
            ValueCoercion.Target t = ValueCoercion.Target.of(where + "(" + p.name() + ")", p);
            out.put(p.name(), coercion.coerce(given.get(p.name()), t));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Checks the out-parameters a provider is about to return and converts them to their declared
     * types (embedded instances as checked OBJECT values), in declared order. Out-parameters the
     * provider leaves out are absent from the result, as in WMI.
     *
     * @throws CimException INVALID_METHOD_PARAMETERS for a parameter the method does not have or
     *                      that is in-only, TYPE_MISMATCH for a value that does not convert
     * @param className  the class
     * @param methodName the method
     * @param outParams  the provider's out-parameters, by name in any case
     * @return the given out-parameters, converted
     */
    public Map<String, CimValue> checkOut(String className, String methodName, Map<String, CimValue> outParams) {
        CimClass cls = require(className);
        CimMethodDef m = requireMethod(cls.name(), methodName);
        String where = cls.name() + "." + m.name();
        Map<String, CimValue> given = byParameter(where, m, outParams == null ? Map.of() : outParams, false);
        LinkedHashMap<String, CimValue> out = new LinkedHashMap<>();
        for (CimParameterDef p : m.outParameters()) {
            if (!given.containsKey(p.name())) continue;
            ValueCoercion.Target t = ValueCoercion.Target.of(where + "(" + p.name() + ")", p);
            out.put(p.name(), coercion.coerce(given.get(p.name()), t));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Maps the caller's names to declared parameter names, refusing unknown and wrong-direction ones. */
    private static Map<String, CimValue> byParameter(String where, CimMethodDef m, Map<String, CimValue> values, boolean in) {
        Map<String, CimValue> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, CimValue> e : values.entrySet()) {
            String name = e.getKey();
            CimParameterDef p = m.parameter(name).orElseThrow(() -> new CimException(
                    CimError.INVALID_METHOD_PARAMETERS, where + " has no parameter " + name
                    + " (parameters: " + names(m.parameters()) + ")"));
            if (in && !p.in())
                throw new CimException(CimError.INVALID_METHOD_PARAMETERS,
                        where + "(" + p.name() + ") is an out-parameter and cannot be passed in");
            if (!in && !p.out())
                throw new CimException(CimError.INVALID_METHOD_PARAMETERS,
                        where + "(" + p.name() + ") is an in-parameter and cannot be returned");
            if (given.containsKey(p.name()))
                throw new CimException(CimError.INVALID_METHOD_PARAMETERS, where + "(" + p.name() + ") is given twice");
            given.put(p.name(), e.getValue());
        }
        return given;
    }

    private static String names(List<CimParameterDef> params) {
        return params.isEmpty() ? "none" : String.join(", ",
                params.stream().map(p -> p.name() + " [" + p.direction() + "]").toList());
    }

    /**
     * Checks an instance against its class and returns it with every property converted to its
     * declared type, in the order given. Meant for embedded instances parsed from CIM-XML, where
     * TYPE attributes may be missing and values arrive as strings. The path is kept. Instances of
     * an {@linkplain #isOpen open} class are returned unchanged.
     *
     * @throws CimException INVALID_CLASS for an unknown class, INVALID_PROPERTY naming
     *                      {@code Class.Property} for a property the class does not have,
     *                      TYPE_MISMATCH for a value that does not convert
     * @param instance the instance
     * @return the instance with converted values
     */
    public CimInstance coerceInstance(CimInstance instance) {
        CimClass cls = require(instance.className());
        if (isOpen(cls)) return instance;
        CimInstance.Builder b = CimInstance.builder(cls.name()).path(instance.path());
        for (Map.Entry<String, CimValue> e : instance.properties().entrySet()) {
            CimPropertyDef p = requireProperty(cls.name(), e.getKey());
            b.put(p.name(), coercion.coerce(e.getValue(), ValueCoercion.Target.of(cls.name() + "." + p.name(), p)));
        }
        return b.build();
    }

    /**
     * What keeps an instance from being whole as WMI returns it: the properties of its class it
     * lacks ("missing P") and the properties it carries that its class does not have ("unknown P").
     *
     * @param instance the instance
     * @return the problems, empty for a whole instance or an instance of an open class
     * @throws CimException INVALID_CLASS when the class is not in this namespace
     */
    public List<String> wholenessProblems(CimInstance instance) {
        CimClass cls = require(instance.className());
        if (isOpen(cls)) return List.of();
        List<String> problems = new ArrayList<>();
        for (CimPropertyDef p : allProperties(cls.name())) if (!instance.has(p.name())) problems.add("missing " + p.name());
        for (String name : instance.properties().keySet())
            if (property(cls.name(), name).isEmpty()) problems.add("unknown " + name);
        return problems;
    }

    /**
     * An abstract class that declares no properties anywhere in its chain (MSCluster_Property, the
     * carrier of a cluster object's private properties) stands for property sets the provider
     * builds at run time; its instances cannot be checked property by property and are kept as given.
     *
     * @param className the class name
     * @return true for such a class
     * @throws CimException INVALID_CLASS when the class is not in this namespace
     */
    public boolean isOpen(String className) {
        return isOpen(require(className));
    }

    private boolean isOpen(CimClass cls) {
        return cls.isAbstract() && allProperties(cls.name()).isEmpty();
    }

    /**
     * Converts one value for a property (e.g. a command-line "set" or a provider filling a view).
     *
     * @param className    the class
     * @param propertyName the property
     * @param value        the value, e.g. a string to parse
     * @return the value in the property's declared type
     * @throws CimException INVALID_PROPERTY or TYPE_MISMATCH naming {@code Class.Property}
     */
    public CimValue coerceProperty(String className, String propertyName, CimValue value) {
        CimClass cls = require(className);
        CimPropertyDef p = requireProperty(cls.name(), propertyName);
        return coercion.coerce(value, ValueCoercion.Target.of(cls.name() + "." + p.name(), p));
    }

    @Override
    public String toString() {
        return "CimSchema[" + namespace + ", " + classes.size() + " classes]";
    }
}
