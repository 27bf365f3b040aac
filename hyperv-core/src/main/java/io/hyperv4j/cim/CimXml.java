package io.hyperv4j.cim;

/**
 * The embedded-instance text codec: CIM-XML DTD 2.0 {@code INSTANCE} elements, the form
 * {@code IWbemObjectTextSrc::GetText(WMI_OBJ_TEXT_CIM_DTD_2_0)} produces; the reader also accepts
 * the WMI DTD 2.0 variant. Never resolves external entities or DTDs.
 */
public final class CimXml {
    private CimXml() {}

    public static String writeInstance(CimInstance instance) {
        throw new UnsupportedOperationException("to be implemented");
    }

    public static CimInstance readInstance(String xml) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
