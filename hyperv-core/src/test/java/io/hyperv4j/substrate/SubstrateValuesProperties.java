package io.hyperv4j.substrate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.sim.GuestLoad;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 18, validation at the door for the substrate's own values: hostile numbers (NaN, infinities,
 * zero, negatives, huge and tiny) given to a storage model, the BITS copy, a link, a flow or a guest
 * load are refused where they are set with an {@link IllegalArgumentException} naming the value;
 * whatever is accepted gives rates and durations that are finite and not negative, and a duration
 * too long for a {@link Duration} is an {@link ArithmeticException}, never a clipped value.
 */
class SubstrateValuesProperties {

    @Provide
    Arbitrary<Double> hostile() {
        return HostileNumbers.doubles();
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE), Arbitraries.longs().between(0, 1L << 50));
    }

    private static boolean sound(Duration d) {
        return !d.isNegative() && d.compareTo(Duration.ofSeconds(Long.MAX_VALUE / 2)) < 0;
    }

    @Property
    void aStorageModelIsRefusedOrGivesSoundDurations(@ForAll("hostile") double save, @ForAll("hostile") double restore,
                                                     @ForAll("sizes") long bytes) {
        StorageModel m;
        try {
            m = new StorageModel(save, restore);
        } catch (IllegalArgumentException refused) {
            assertTrue(!(save >= StorageModel.MIN_MIB_PER_SECOND && save <= StorageModel.MAX_MIB_PER_SECOND)
                    || !(restore >= StorageModel.MIN_MIB_PER_SECOND && restore <= StorageModel.MAX_MIB_PER_SECOND), refused.getMessage());
            assertTrue(refused.getMessage().matches("(save|restore) rate.*"), refused.getMessage());
            return;
        }
        assertTrue(m.saveBytesPerSecond() > 0 && Double.isFinite(m.saveBytesPerSecond()));
        assertTrue(m.restoreBytesPerSecond() > 0 && Double.isFinite(m.restoreBytesPerSecond()));
        for (boolean saving : new boolean[] {true, false}) {
            try {
                Duration d = saving ? m.save(bytes) : m.restore(bytes);
                assertTrue(bytes >= 0 && sound(d), bytes + " bytes: " + d);
            } catch (IllegalArgumentException negative) {
                assertTrue(bytes < 0, negative.getMessage());
            } catch (ArithmeticException tooLong) {
                assertTrue(bytes / (saving ? m.saveBytesPerSecond() : m.restoreBytesPerSecond()) > 9e9, tooLong.getMessage());
            }
        }
    }

    @Property
    void theBitsCopyIsRefusedOrCopiesBelowItsWireAndItsDisk(@ForAll("hostile") double efficiency, @ForAll("hostile") double disk,
                                                           @ForAll("hostile") double bits) {
        BitsCopy c;
        try {
            c = new BitsCopy(efficiency, disk);
        } catch (IllegalArgumentException refused) {
            assertTrue(!(efficiency >= BitsCopy.MIN_EFFICIENCY && efficiency <= 1)
                    || !(disk >= BitsCopy.MIN_DISK_BYTES_PER_SECOND && disk <= BitsCopy.MAX_DISK_BYTES_PER_SECOND), refused.getMessage());
            assertTrue(refused.getMessage().matches("(protocol efficiency|source disk rate).*"), refused.getMessage());
            return;
        }
        try {
            double r = c.rate(bits);
            assertTrue(r > 0 && r <= disk && r <= bits / 8 * efficiency && Double.isFinite(r), "rate " + r);
        } catch (IllegalArgumentException refused) {
            assertFalse(bits >= BitsCopy.MIN_BITS_PER_SECOND && bits <= BitsCopy.MAX_BITS_PER_SECOND, refused.getMessage());
            assertTrue(refused.getMessage().startsWith("bandwidth"), refused.getMessage());
        }
    }

    @Property
    void linksAndFlowsAreRefusedOrSound(@ForAll("hostile") double throughput, @ForAll("hostile") double iops,
                                        @ForAll("hostile") double demand, @ForAll("sizes") long bytes) {
        try {
            new FlowNetwork.Link("L", throughput, iops);
            assertTrue(throughput > 0 && Double.isFinite(throughput) && iops > 0);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("link L:"), refused.getMessage());
        }
        try {
            new FlowNetwork.FlowSpec("copy", bytes, demand, 4096, List.of("L"));
            assertTrue(bytes >= 0 || bytes == FlowNetwork.OPEN_ENDED, "bytes " + bytes);
            assertTrue(demand > 0, "demand " + demand);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains("copy"), refused.getMessage());
        }
    }

    @Property
    void aGuestLoadIsRefusedOrMovesAFiniteRate(@ForAll("hostile") double reads, @ForAll("hostile") double writes,
                                               @ForAll("hostile") double bytesPerIo) {
        GuestLoad g;
        try {
            g = new GuestLoad(0.1, reads, writes, bytesPerIo, 0.005, 0, 0);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().matches("(readsPerSecond|writesPerSecond|bytesPerIo).*"), refused.getMessage());
            return;
        }
        double rate = g.diskBytesPerSecond();
        assertTrue(rate >= 0 && !Double.isNaN(rate), "rate " + rate); // +inf only from 1e300-sized products, which a flow refuses
    }
}
