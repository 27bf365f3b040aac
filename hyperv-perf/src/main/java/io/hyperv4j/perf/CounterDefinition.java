package io.hyperv4j.perf;

/**
 * One counter of a counter set: its English name, raw type, and where the WMI raw class keeps it.
 * Immutable.
 *
 * @param name        English counter name, e.g. "Avg. Disk sec/Read"
 * @param type        the raw counter type
 * @param description what it measures
 */
public record CounterDefinition(String name, CounterType type, String description) {

    /**
     * The property of the Win32_PerfRawData_* class that holds this counter: the name with '%' as
     * "Percent", '/' as "Per" and everything but letters and digits dropped ("Avg. Disk sec/Read"
     * is AvgDisksecPerRead, "Pages/sec" PagesPersec).
     *
     * @return the property name
     */
    public String wmiProperty() {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') b.append("Percent");
            else if (c == '/') b.append("Per");
            else if (Character.isLetterOrDigit(c)) b.append(c);
        }
        return b.toString();
    }

    /**
     * The base property, which WMI names after the counter with "_Base", or null when the type has none.
     *
     * @return the base property's name, or null
     */
    public String wmiBaseProperty() {
        return type.hasBaseCounter() ? wmiProperty() + "_Base" : null;
    }
}
