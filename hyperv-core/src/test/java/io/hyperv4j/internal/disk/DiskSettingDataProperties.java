package io.hyperv4j.internal.disk;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Msvm_VirtualHardDiskSettingData / Msvm_VirtualHardDiskState survive the trip as CIM-XML text both ways. */
class DiskSettingDataProperties {

    @Property
    void getVhdsViewSurvivesSettingDataAndStateAsCimXml(@ForAll("infos") DiskInfo d) {
        CimInstance sd = CimXml.readInstance(CimXml.writeInstance(DiskSettingData.settingData(d)));
        CimInstance st = CimXml.readInstance(CimXml.writeInstance(DiskSettingData.state(d, Instant.parse("2025-01-06T09:00:00Z"))));
        assertEquals(d, DiskSettingData.info(sd, st));
    }

    @Property
    void aRequestReadsBackAsTheSameSpec(@ForAll("specs") DiskSpec spec) {
        CimInstance sent = CimXml.readInstance(CimXml.writeInstance(DiskSettingData.request(Path.of("/d/x.vhdx"), spec)));
        assertEquals(spec, DiskSettingData.spec(sent));
    }

    @Property
    void typesAndFormatsOutsideTheValueMapsAreRefusedWithInvalidParameter(@ForAll @IntRange(min = 5, max = 65535) int code) {
        CimInstance sd = DiskSettingData.request(Path.of("/d/x.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 1 << 20));
        DiskRefusal t = assertThrows(DiskRefusal.class, () -> DiskSettingData.spec(sd.toBuilder().put("Type", CimValue.uint16(code)).build()));
        assertEquals(32773, t.code());
        DiskRefusal f = assertThrows(DiskRefusal.class, () -> DiskSettingData.spec(sd.toBuilder().put("Format", CimValue.uint16(code)).build()));
        assertEquals(32773, f.code());
    }

    @Provide
    Arbitrary<DiskInfo> infos() {
        Arbitrary<VhdFormat> format = Arbitraries.of(VhdFormat.VHD, VhdFormat.VHDX);
        Arbitrary<VhdType> type = Arbitraries.of(VhdType.class);
        Arbitrary<Long> size = Arbitraries.longs().between(1, 1L << 27).map(n -> n * 512);
        Arbitrary<Long> min = Arbitraries.longs().between(0, 1L << 40).injectNull(0.3);
        Arbitrary<Integer> frag = Arbitraries.integers().between(0, 100).injectNull(0.3);
        Arbitrary<UUID> id = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
        return Combinators.combine(format, type, size, min, frag, id).as((f, t, s, m, fr, u) ->
                new DiskInfo(Path.of("/disks/d." + f.name().toLowerCase()), f, t, s, s / 3, m, 512,
                        f == VhdFormat.VHDX ? 4096 : 512, t == VhdType.FIXED ? 0 : 2L << 20,
                        t == VhdType.DIFFERENCING ? Path.of("/disks/parent." + f.name().toLowerCase()) : null, u, fr));
    }

    @Provide
    Arbitrary<DiskSpec> specs() {
        Arbitrary<VhdFormat> format = Arbitraries.of(VhdFormat.VHD, VhdFormat.VHDX);
        Arbitrary<VhdType> type = Arbitraries.of(VhdType.class);
        Arbitrary<Long> size = Arbitraries.longs().between(1, 1L << 27).map(n -> n * 512);
        Arbitrary<Long> block = Arbitraries.of(0L, 1L << 20, 32L << 20);
        return Combinators.combine(format, type, size, block).as((f, t, s, b) -> t == VhdType.DIFFERENCING
                ? DiskSpec.differencing(f, Path.of("/d/parent.vhdx")).withBlockSize(b)
                : new DiskSpec(f, t, s, b, 0, 0, null, null));
    }
}
