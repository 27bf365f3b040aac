package io.hyperv4j.backup.vss;

import io.hyperv4j.HyperVException;

/** VSS or a writer refused or failed a step of a backup; {@link #error()} says why, {@link #hresult()} what VSS returned. */
public class VssException extends HyperVException {
    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    private final VssError error;
    /** What VSS returned (0 for a timeout). */
    private final int hresult;

    /**
     * A failure with the HRESULT VSS returned.
     *
     * @param message what was attempted and what happened
     * @param hresult the HRESULT (0 for a timeout)
     */
    public VssException(String message, int hresult) {
        this(message, VssError.of(hresult).orElse(VssError.OTHER), hresult);
    }

    /**
     * A failure of a known kind.
     *
     * @param message what was attempted and what happened
     * @param error   the kind
     * @param hresult the HRESULT (0 for a timeout)
     */
    public VssException(String message, VssError error, int hresult) {
        super(message);
        this.error = error;
        this.hresult = hresult;
    }

    /**
     * Why.
     *
     * @return the kind of failure
     */
    public VssError error() {
        return error;
    }

    /**
     * What VSS returned.
     *
     * @return the HRESULT, 0 for a timeout
     */
    public int hresult() {
        return hresult;
    }
}
