package io.hyperv4j.cim;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a method returned: its ReturnValue and its out-parameters by name (case-insensitive). Immutable.
 *
 * @param returnValue the method's ReturnValue (0 success, 4096 job started, else an error code)
 * @param out         the out-parameters
 */
public record MethodResult(long returnValue, Map<String, CimValue> out) {

    /** CIM's "Method Parameters Checked - Job Started" (4096). */
    public static final long JOB_STARTED = 4096;

    /**
     * Copies the out-parameters into a case-insensitive map.
     *
     * @param returnValue the ReturnValue
     * @param out         the out-parameters, or null for none
     */
    public MethodResult {
        TreeMap<String, CimValue> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (out != null) m.putAll(out);
        out = Collections.unmodifiableSortedMap(m);
    }

    /**
     * Whether the method went on as a job.
     *
     * @return true when the ReturnValue is {@link #JOB_STARTED}
     */
    public boolean jobStarted() {
        return returnValue == JOB_STARTED;
    }

    /**
     * The {@code Job} out-parameter, or null when the method completed synchronously.
     *
     * @return the job's path, or null
     */
    public ObjectPath job() {
        return reference("Job").orElse(null);
    }

    /**
     * An out-parameter by name, ignoring case.
     *
     * @param name the parameter name
     * @return its value, or null when the method did not return it
     */
    public CimValue get(String name) {
        return out.get(name);
    }

    /**
     * An out-parameter that was returned and is not null.
     *
     * @param name the parameter name, ignoring case
     * @return its value, or empty
     */
    public Optional<CimValue> find(String name) {
        CimValue v = out.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /**
     * A reference out-parameter's path.
     *
     * @param name the parameter name, ignoring case
     * @return the path, or empty when not returned or null
     */
    public Optional<ObjectPath> reference(String name) {
        return find(name).map(CimValue::asPath);
    }
}
