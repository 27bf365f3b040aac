package io.hyperv4j.scvmm;

import java.util.List;

/**
 * A host's placement rating for one VM: 0 to 5 stars (VMM's scale), the parts it is made of, and
 * when it is zero, every reason.
 */
public record HostRating(String host, double stars, double memory, double processor, double disk, double network,
                         List<RatingReason> zeroReasons) {
    public HostRating {
        zeroReasons = List.copyOf(zeroReasons);
        if (!zeroReasons.isEmpty() && stars != 0) throw new IllegalArgumentException("a host with reasons for zero has zero stars");
    }
}
