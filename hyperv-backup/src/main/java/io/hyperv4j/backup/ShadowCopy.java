package io.hyperv4j.backup;

import java.time.Instant;

/**
 * A shadow copy that exists now ({@code vssadmin list shadows}).
 *
 * @param id        the shadow copy id
 * @param setId     its snapshot set
 * @param volume    the original volume
 * @param provider  the provider that made it
 * @param created   when it was committed
 * @param forVm     the VM whose backup made it
 */
public record ShadowCopy(String id, String setId, String volume, String provider, Instant created, String forVm) {
}
