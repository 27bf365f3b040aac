package io.hyperv4j.perf.wmi;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.perf.CounterDefinition;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.source.RawBatch;

/**
 * Where one counter lives in a Win32_PerfRawData_* class and how its properties become a PDH raw
 * counter: the counter property is FirstValue; SecondValue is, by the type's time base,
 * Timestamp_PerfTime (with Frequency_PerfTime), Timestamp_Sys100NS, Timestamp_Object (with
 * Frequency_Object), or the counter's "_Base" property. Instances are keyed by Name; single-instance
 * classes have none. Immutable.
 *
 * @param wmiClass     the Win32_PerfRawData class
 * @param instance     the instance's Name, or null for a single-instance class
 * @param property     the counter's property
 * @param baseProperty the base property, or null when the type has none
 * @param type         the counter type
 */
public record WmiRawMapping(String wmiClass, String instance, String property, String baseProperty, CounterType type) {

    /**
     * The mapping of a catalog counter.
     *
     * @param set      the counter set
     * @param counter  the counter
     * @param instance the instance (ignored for a single-instance set)
     * @return the mapping
     */
    public static WmiRawMapping of(CounterSetDefinition set, CounterDefinition counter, String instance) {
        return new WmiRawMapping(set.wmiRawClass(), set.multiInstance() ? instance : null, counter.wmiProperty(),
                counter.wmiBaseProperty(), counter.type());
    }

    /**
     * Whether {@code row} is this mapping's instance.
     *
     * @param row a row of the raw class
     * @return true if its Name matches (always, for a single-instance class)
     */
    public boolean matches(CimInstance row) {
        if (instance == null) return true;
        String name = row.getString("Name");
        return name != null && name.equalsIgnoreCase(instance);
    }

    /**
     * Fills slot {@code i} from the raw-class row; a missing property reads PDH_CSTATUS_NO_COUNTER.
     *
     * @param row   the row
     * @param batch the batch
     * @param i     the counter's slot
     */
    public void fill(CimInstance row, RawBatch batch, int i) {
        if (absent(row, property)) {
            batch.unavailable(i, PdhStatus.NO_COUNTER);
            return;
        }
        long first = row.getLong(property);
        long second;
        long frequency = longOf(row, "Frequency_PerfTime");
        String timestamp = switch (type.timeBase()) {
            case PERF_TIME -> "Timestamp_PerfTime";
            case SYSTEM_100NS -> "Timestamp_Sys100NS";
            case OBJECT_TIME -> "Timestamp_Object";
            default -> null;
        };
        if (timestamp != null && absent(row, timestamp)) {
            // without its time base a timed counter has no rate: unavailable, not a zero delta
            batch.unavailable(i, PdhStatus.NO_COUNTER);
            return;
        }
        switch (type.timeBase()) {
            case PERF_TIME -> second = longOf(row, timestamp);
            case SYSTEM_100NS -> {
                second = longOf(row, timestamp);
                frequency = longOf(row, "Frequency_Sys100NS");
            }
            case OBJECT_TIME -> {
                second = longOf(row, timestamp);
                frequency = longOf(row, "Frequency_Object");
            }
            case BASE_COUNTER -> {
                if (baseProperty == null || absent(row, baseProperty)) {
                    batch.unavailable(i, PdhStatus.NO_COUNTER);
                    return;
                }
                second = row.getLong(baseProperty);
            }
            default -> second = 0;
        }
        batch.set(i, first, second, frequency);
    }

    private static boolean absent(CimInstance row, String name) {
        return row.find(name).isEmpty();
    }

    private static long longOf(CimInstance row, String name) {
        return row.longOr(name, 0);
    }

    /**
     * The WQL that reads every instance of this mapping's class with what it needs.
     *
     * @param wmiClass the raw class
     * @return the SELECT statement
     */
    public static String query(String wmiClass) {
        return "SELECT * FROM " + wmiClass;
    }
}
