package io.hyperv4j.perf;

/**
 * A counter's displayable value with its status. An unavailable counter has no value: {@link #value()}
 * is NaN and {@link #status()} says why, never a zero that looks like a reading. Immutable.
 *
 * @param value  the value, NaN when not valid
 * @param status a {@link PdhStatus} code
 */
public record CookedValue(double value, int status) {

    /**
     * No value, for a reason.
     *
     * @param status why, a {@link PdhStatus} code
     * @return a NaN value with that status
     */
    public static CookedValue unavailable(int status) {
        return new CookedValue(Double.NaN, status);
    }

    /**
     * Whether there is a value.
     *
     * @return true when the status is valid
     */
    public boolean isValid() {
        return PdhStatus.isValid(status);
    }

    @Override
    public String toString() {
        return isValid() ? Double.toString(value) : "unavailable (" + PdhStatus.name(status) + ")";
    }
}
