package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.ObjectPath;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.*;

/** VARIANT conversion: round trips on generated values, WMI's documented VARIANT types, tolerant reads. */
class WmiValuesProperties {

    private final FakeWbemObject.Ledger ledger = new FakeWbemObject.Ledger();

    @Property(tries = 1000)
    void everyValueSurvivesTheTripThroughAVariant(@ForAll("values") CimValue value) {
        int code = CimTypeCode.code(value.type(), value.array());
        WmiVariant v = WmiValues.toVariant(value, code, "P", WmiValues.NO_OBJECTS);
        if (!value.isNull()) {
            int expected = CimTypeCode.variantType(value.type()) | (value.array() ? Vt.ARRAY : 0);
            assertEquals(Vt.name(expected), Vt.name(v.vt()), "VARIANT type WMI documents for " + value.type().cimName());
        }
        assertEquals(value, WmiValues.toCim(v, code, "P"));
    }

    @Property(tries = 150)
    void embeddedInstancesSurviveAsIWbemClassObjects(@ForAll("instances") CimInstance instance) {
        Map<String, FakeWbemObject> schema = new HashMap<>();
        FakeWbemObject proto = new FakeWbemObject(ledger, instance.className(), null);
        instance.properties().forEach((n, v) -> proto.declare(n, CimTypeCode.code(v.type(), v.array())));
        schema.put(instance.className().toLowerCase(), proto);
        int baseline = ledger.open();

        WmiVariant v = WmiValues.toVariant(CimValue.object(instance), CimTypeCode.CIM_OBJECT, "Embedded",
                cls -> schema.get(cls.toLowerCase()).copy(null));
        assertEquals(Vt.UNKNOWN, v.vt());
        CimValue back = WmiValues.toCim(v, CimTypeCode.CIM_OBJECT, "Embedded");
        assertEquals(instance, back.asInstance());
        assertEquals(baseline, ledger.open(), "every spawned object is released");
        proto.close();
        assertEquals(List.of(), ledger.misuse());
    }

    @Property(tries = 40)
    void embeddedInstancesTravelAsCimXmlTextInStringParameters(@ForAll("xmlSafeInstances") CimInstance instance) {
        WmiVariant v = WmiValues.toVariant(CimValue.object(instance), CimTypeCode.CIM_STRING, "SystemSettings", WmiValues.NO_OBJECTS);
        assertEquals(Vt.BSTR, v.vt());
        String text = (String) v.value();
        assertTrue(text.startsWith("<INSTANCE CLASSNAME=\"Msvm_FakeSettingData\""), text);
        assertEquals(instance, CimXml.readInstance(text));
        assertEquals(instance, WmiValues.toCim(v, CimTypeCode.CIM_OBJECT, "SystemSettings").asInstance(),
                "an embedded object given as text is read as the instance");
        assertEquals(v, WmiValues.toVariant(CimValue.string(text), CimTypeCode.CIM_STRING, "SystemSettings", WmiValues.NO_OBJECTS),
                "text already serialized passes through unchanged");
    }

    @Property(tries = 500)
    void uint32ReadFromTheSignedVariantWmiUsesIsUnsigned(@ForAll int bits) {
        CimValue v = WmiValues.toCim(WmiVariant.of(Vt.I4, (long) bits), CimTypeCode.CIM_UINT32, "P");
        assertEquals(Integer.toUnsignedLong(bits), v.asLong());
        assertEquals(WmiVariant.of(Vt.I4, (long) bits), WmiValues.toVariant(v, CimTypeCode.CIM_UINT32, "P", WmiValues.NO_OBJECTS));
    }

    @Property(tries = 500)
    void sixtyFourBitIntegersAreReadInDecimalAndHex(@ForAll long bits) {
        assertEquals(bits, WmiValues.toCim(WmiVariant.of(Vt.BSTR, Long.toUnsignedString(bits)), CimTypeCode.CIM_UINT64, "P").asLong());
        assertEquals(bits, WmiValues.toCim(WmiVariant.of(Vt.BSTR, "0x" + Long.toHexString(bits)), CimTypeCode.CIM_UINT64, "P").asLong());
        assertEquals(bits, WmiValues.toCim(WmiVariant.of(Vt.BSTR, Long.toString(bits)), CimTypeCode.CIM_SINT64, "P").asLong());
    }

    @Property(tries = 300)
    void integersConvertBetweenTypesOnlyWhenInRange(@ForAll long l, @ForAll("integerTypes") CimType source, @ForAll("integerTypes") CimType target) {
        Assume.that(source.fits(l) && !(!source.isSigned() && source != CimType.UINT64 && l < 0));
        CimValue v = CimValue.of(source, l);
        // A negative uint64 is a value above 2^63: only uint64 itself holds it.
        boolean representable = source == CimType.UINT64 && l < 0 ? target == CimType.UINT64
                : target.fits(l) && (target.isSigned() || l >= 0);
        try {
            WmiVariant w = WmiValues.toVariant(v, CimTypeCode.code(target), "Arg", WmiValues.NO_OBJECTS);
            assertTrue(representable, "accepted " + l + " " + source.cimName() + " as " + target.cimName());
            assertEquals(l, WmiValues.toCim(w, CimTypeCode.code(target), "Arg").asLong());
        } catch (CimException e) {
            assertFalse(representable, e.getMessage());
            assertEquals(CimError.TYPE_MISMATCH, e.error());
            assertTrue(e.getMessage().contains("'Arg'"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<CimType> integerTypes() {
        return Arbitraries.of(CimType.UINT8, CimType.SINT8, CimType.UINT16, CimType.SINT16, CimType.UINT32, CimType.SINT32,
                CimType.UINT64, CimType.SINT64);
    }

    @Provide
    Arbitrary<CimValue> values() {
        Arbitrary<CimType> types = Arbitraries.of(CimType.values()).filter(t -> t != CimType.OBJECT);
        return types.flatMap(t -> Arbitraries.oneOf(
                element(t).map(e -> CimValue.of(t, e)),
                element(t).list().ofMaxSize(5).map(l -> CimValue.array(t, l)),
                Arbitraries.of(true, false).map(a -> new CimValue(t, a, null))));
    }

    @Provide
    Arbitrary<CimInstance> instances() {
        return instances(false);
    }

    @Provide
    Arbitrary<CimInstance> xmlSafeInstances() {
        return instances(true);
    }

    private static Arbitrary<CimInstance> instances(boolean xmlSafe) {
        Arbitrary<CimType> types = Arbitraries.of(CimType.values()).filter(t -> t != CimType.OBJECT);
        Arbitrary<CimValue> scalar = types.flatMap(t -> (xmlSafe ? xmlSafeElement(t) : element(t)).map(e -> CimValue.of(t, e)));
        return scalar.list().ofMinSize(0).ofMaxSize(6).map(vals -> {
            CimInstance.Builder b = CimInstance.builder("Msvm_FakeSettingData");
            for (int i = 0; i < vals.size(); i++) b.put("Prop" + i, vals.get(i));
            return b.build();
        });
    }

    /** Values XML 1.0 can carry (no control characters or lone surrogates in text). */
    static Arbitrary<Object> xmlSafeElement(CimType t) {
        return switch (t) {
            case CHAR16 -> Arbitraries.chars().range(' ', '~').map(o -> o);
            case STRING -> Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u4e2d').ofMaxLength(20).map(o -> o);
            default -> element(t);
        };
    }

    static Arbitrary<Object> element(CimType t) {
        return switch (t) {
            case UINT8 -> Arbitraries.longs().between(0, 0xFF).map(o -> o);
            case SINT8 -> Arbitraries.longs().between(Byte.MIN_VALUE, Byte.MAX_VALUE).map(o -> o);
            case UINT16 -> Arbitraries.longs().between(0, 0xFFFF).map(o -> o);
            case SINT16 -> Arbitraries.longs().between(Short.MIN_VALUE, Short.MAX_VALUE).map(o -> o);
            case UINT32 -> Arbitraries.longs().between(0, 0xFFFFFFFFL).map(o -> o);
            case SINT32 -> Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(o -> o);
            case UINT64, SINT64 -> Arbitraries.longs().map(o -> o);
            case REAL32 -> Arbitraries.floats().map(o -> o);
            case REAL64 -> Arbitraries.doubles().map(o -> o);
            case BOOLEAN -> Arbitraries.of(true, false).map(o -> o);
            case CHAR16 -> Arbitraries.chars().map(o -> o);
            case STRING -> Arbitraries.strings().ofMaxLength(20).map(o -> o);
            case DATETIME -> Arbitraries.longs().between(0, 253402300799L).map(s -> CimDateTime.of(Instant.ofEpochSecond(s)));
            case REFERENCE -> Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                    .map(k -> ObjectPath.of("root\\virtualization\\v2", "Msvm_ComputerSystem",
                            Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", k)));
            case OBJECT -> throw new IllegalArgumentException("objects are generated separately");
        };
    }
}
