package io.hyperv4j.backup;

import java.util.List;

/**
 * A VSS writer as {@code vssadmin list writers} shows it.
 *
 * @param name       the writer's name
 * @param id         the writer id
 * @param where      the host, or "host/VM" for a writer inside a guest
 * @param state      the state, e.g. "[1] Stable"
 * @param lastError  the last error, e.g. "No error"
 * @param components its components (per VM for the Hyper-V writer)
 */
public record VssWriter(String name, String id, String where, String state, String lastError, List<String> components) {
    /**
     * Copies the components.
     *
     * @param name       the writer's name
     * @param id         the writer id
     * @param where      the host or guest
     * @param state      the state
     * @param lastError  the last error
     * @param components its components
     */
    public VssWriter {
        components = List.copyOf(components);
    }
}
