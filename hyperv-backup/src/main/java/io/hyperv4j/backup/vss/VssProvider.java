package io.hyperv4j.backup.vss;

import java.util.UUID;

/**
 * A shadow copy provider as VSS_PROVIDER_PROP describes it ({@code vssadmin list providers}).
 *
 * @param providerId the provider's id
 * @param name       its name
 * @param type       its type
 * @param version    its version
 */
public record VssProvider(UUID providerId, String name, VssProviderType type, String version) {
}
