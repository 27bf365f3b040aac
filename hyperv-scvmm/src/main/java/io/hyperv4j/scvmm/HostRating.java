package io.hyperv4j.scvmm;

import java.util.List;

/**
 * A host's placement rating for one VM: 0 to 5 stars (VMM's scale), the parts it is made of, and
 * when it is zero, every reason.
 */
public record HostRating(String host, double stars, double memory, double processor, double disk, double network,
                         List<RatingReason> zeroReasons) {
    /**
     * Copies the reasons and checks that a host with reasons has zero stars.
     *
     * @param host        the host
     * @param stars       0 to 5
     * @param memory      the memory part of the rating
     * @param processor   the processor part
     * @param disk        the disk part
     * @param network     the network part
     * @param zeroReasons why the rating is zero; empty otherwise
     * @throws IllegalArgumentException when there are reasons but the stars are not zero
     */
    public HostRating {
        zeroReasons = List.copyOf(zeroReasons);
        if (!zeroReasons.isEmpty() && stars != 0) throw new IllegalArgumentException("a host with reasons for zero has zero stars");
    }
}
