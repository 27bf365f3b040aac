package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.scvmm.internal.Placement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementTest {
    static VmmHost host(String name, long freeMb, double cpu, long freeDisk, double net) {
        return new VmmHost(name, "All Hosts", Optional.empty(), HostOs.WS2012, true, 8, 16384, freeMb, cpu, freeDisk, 1e9, net);
    }

    static final VmmVm VM = new VmmVm("ID", "vm", "src", true, 4, 4096, 20L << 30, 19_000, Optional.empty(), List.of(), List.of());

    @Test
    void moreFreeResourcesRateHigherAndEachShortageGivesZeroWithItsReason() {
        List<HostRating> r = Placement.rateAll(VM, List.of(
                host("roomy", 12000, 0.1, 1L << 40, 0.1), host("tight", 5000, 0.5, 30L << 30, 0.5), host("src", 12000, 0.1, 1L << 40, 0),
                host("nomem", 2000, 0.1, 1L << 40, 0), host("busy", 12000, 0.7, 1L << 40, 0), host("full", 12000, 0.1, 1L << 30, 0),
                host("saturated", 12000, 0.1, 1L << 40, 0.95)));
        assertEquals(List.of("roomy", "tight"), r.stream().filter(x -> x.stars() > 0).map(HostRating::host).toList());
        assertTrue(r.get(0).stars() > r.get(1).stars() && r.get(0).stars() <= 5);
        assertEquals(List.of(RatingReason.CURRENT_HOST), reasons(r, "src"));
        assertEquals(List.of(RatingReason.NOT_ENOUGH_MEMORY), reasons(r, "nomem"));
        assertEquals(List.of(RatingReason.NO_PROCESSOR_HEADROOM), reasons(r, "busy"), "0.7 + 4 x 0.5 / 8 > 0.9");
        assertEquals(List.of(RatingReason.NOT_ENOUGH_DISK), reasons(r, "full"));
        assertEquals(List.of(RatingReason.NETWORK_SATURATED), reasons(r, "saturated"));
    }

    static List<RatingReason> reasons(List<HostRating> r, String host) {
        return r.stream().filter(x -> x.host().equals(host)).findFirst().orElseThrow().zeroReasons();
    }
}
