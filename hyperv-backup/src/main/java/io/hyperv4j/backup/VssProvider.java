package io.hyperv4j.backup;

/**
 * A VSS provider as {@code vssadmin list providers} shows it.
 *
 * @param name    the provider's name
 * @param type    "Software", "Hardware" or "System"
 * @param id      the provider id
 * @param version its version
 */
public record VssProvider(String name, String type, String id, String version) {
}
