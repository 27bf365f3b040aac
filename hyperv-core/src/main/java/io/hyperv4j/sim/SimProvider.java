package io.hyperv4j.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves some classes of one CIM namespace from a lab's model. Found through
 * {@link java.util.ServiceLoader} (META-INF/services/io.hyperv4j.sim.SimProvider); every lab gets
 * fresh instances and {@link #attach attaches} them, so a provider may keep per-lab state.
 * <p>All methods except {@link #attach}, {@link #save} and {@link #load} are called with the lab
 * lock held, and must not block. Instances carry full paths (server = host name, namespace).
 * <p>Thread-safety: implementations must be thread-safe; the lab's sessions call them from their own threads.
 */
public interface SimProvider {

    /**
     * e.g. {@code root\virtualization\v2}.
     *
     * @return the namespace
     */
    String namespace();

    /**
     * The concrete classes whose instances and methods it serves.
     *
     * @return the class names
     */
    Set<String> classNames();

    /**
     * Called once per lab, before any session: register job handlers, seed per-lab state.
     *
     * @param lab the lab
     */
    default void attach(Lab lab) {}

    /**
     * Every instance of exactly {@code className} (one of {@link #classNames()}) on the scope's host.
     *
     * @param scope     the host and time of the call
     * @param className the class
     * @return the instances
     */
    List<CimInstance> instances(HostScope scope, String className);

    /**
     * Every instance of exactly {@code className} for a query that reads only {@code read}: each
     * instance carries at least those of its properties (and its keys), so a provider of a class a
     * datacenter has thousands of may skip rendering the rest. Properties not read may be missing.
     *
     * @param scope     the host and time of the call
     * @param className the class
     * @param read      the properties the query reads (case-insensitive)
     * @return the instances; by default, whole ones
     */
    default List<CimInstance> instances(HostScope scope, String className, java.util.Set<String> read) {
        return instances(scope, className);
    }

    /**
     * The instances of exactly {@code className} that {@code where} accepts, each with at least
     * the {@code read} properties (and its keys). {@code where} reads only the {@code tested}
     * properties, so a provider of a class a datacenter has thousands of may test it on an
     * instance holding just those, read straight from its model, and render only the instances
     * that pass (a scan for one VM by name renders one VM, not all of them).
     *
     * @param scope     the host and time of the call
     * @param className the class
     * @param read      the properties the query reads (case-insensitive)
     * @param tested    the properties {@code where} reads (case-insensitive), a subset of {@code read}
     * @param where     the query's class and condition test
     * @return the accepted instances; by default those of {@link #instances(HostScope, String, java.util.Set)} it accepts
     */
    default List<CimInstance> instances(HostScope scope, String className, java.util.Set<String> read,
            java.util.Set<String> tested, java.util.function.Predicate<CimInstance> where) {
        List<CimInstance> out = new java.util.ArrayList<>();
        for (CimInstance i : instances(scope, className, read)) if (where.test(i)) out.add(i);
        return out;
    }

    /**
     * The instance with the keys of {@code path} on the scope's host, or null.
     *
     * @param scope the host and time of the call
     * @param path  the instance's path
     * @return the instance, or null
     */
    CimInstance instance(HostScope scope, ObjectPath path);

    /**
     * The association instances (of classes it serves) that have a reference to {@code path}.
     *
     * @param scope the host and time of the call
     * @param path  the referenced instance
     * @return the associations
     */
    List<CimInstance> referencesTo(HostScope scope, ObjectPath path);

    /**
     * Runs a method whose parameters the schema has already checked and coerced. Must validate
     * its semantics before changing anything: a refused call (non-zero, non-4096 return) changes
     * nothing. {@link Txn#touch} every model object before changing it.
     *
     * @param txn    the change under way
     * @param scope  the host and time of the call
     * @param target the instance or class the method is on
     * @param method the method's name
     * @param in     the input parameters
     * @return the return value and output parameters
     */
    MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in);

    /**
     * Writes the writable properties of an instance (WMI PutInstance). Validate before changing
     * anything; refuse with a {@link io.hyperv4j.cim.CimException}. Default: not supported.
     *
     * @param txn      the change under way
     * @param scope    the host and time of the call
     * @param instance the instance with its new values
     */
    default void modify(Txn txn, HostScope scope, CimInstance instance) {
        throw new io.hyperv4j.cim.CimException(io.hyperv4j.cim.CimError.NOT_SUPPORTED,
                instance.className() + " instances cannot be modified here");
    }

    /**
     * The instances this provider shows for one model object ({@link SimVm}, {@link SimJob},
     * {@link SimHost}, or a provider's own), for instance events; empty when it shows none.
     *
     * @param lab    the lab
     * @param entity the model object
     * @param now    the time to render at
     * @return the instances
     */
    List<CimInstance> render(Lab lab, Object entity, Instant now);

    /**
     * Adds this provider's own state to the lab file (under its own key).
     *
     * @param lab  the lab
     * @param into the file's JSON object
     */
    default void save(Lab lab, ObjectNode into) {}

    /**
     * Restores what {@link #save} wrote; called after the kernel's model is loaded. Prefer
     * {@link #load(Lab, LabJson)}.
     *
     * @param lab  the lab
     * @param from what {@link #save} wrote, or null
     */
    default void load(Lab lab, JsonNode from) {}

    /**
     * Restores what {@link #save} wrote, read against the section's schema: {@code from} is the
     * provider's section ({@code $.providers['CLASS']}) whose accessors refuse a wrong type, an
     * out-of-range number or a malformed id with its JSON path, so the lab file is refused and
     * never rewritten. Providers override this one; the default hands the raw node to
     * {@link #load(Lab, JsonNode)}.
     *
     * @param lab  the lab
     * @param from the provider's section of the lab file
     */
    default void load(Lab lab, LabJson from) {
        load(lab, from.node());
    }

    /**
     * Called once the lab file holds the model: work that must not happen while the saved file
     * still names the old state (deleting files it names). Returns whether the model changed, so
     * the lab is saved again.
     *
     * @param lab the lab
     * @return whether the model changed
     */
    default boolean afterSave(Lab lab) {
        return false;
    }
}
