package io.hyperv4j.backup.vss;

import java.util.List;
import java.util.UUID;

/**
 * A writer as GatherWriterMetadata reports it (IVssExamineWriterMetadata).
 *
 * @param writerId   the writer's class id (the same on every machine)
 * @param instanceId this instance's id
 * @param name       the writer's name
 * @param components its components
 */
public record VssWriter(UUID writerId, UUID instanceId, String name, List<VssComponent> components) {
    /**
     * Copies the list.
     *
     * @param writerId   the class id
     * @param instanceId the instance id
     * @param name       the name
     * @param components the components
     */
    public VssWriter {
        components = List.copyOf(components);
    }
}
