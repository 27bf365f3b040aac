package io.hyperv4j.backup.vss;

import java.util.Optional;
import java.util.UUID;

/**
 * A writer's state as GatherWriterStatus reports it.
 *
 * @param writerId   the writer's class id
 * @param instanceId this instance's id
 * @param name       the writer's name
 * @param state      where it is, or where it failed
 * @param failure    the HRESULT of its failure, 0 when none
 */
public record VssWriterStatus(UUID writerId, UUID instanceId, String name, VssWriterState state, int failure) {
    /**
     * The failure as a known kind.
     *
     * @return the error, empty when the writer has not failed or failed with an unlisted HRESULT
     */
    public Optional<VssError> error() {
        return VssError.of(failure);
    }
}
