package io.hyperv4j.cim;

/**
 * The embedded-instance text codec: CIM-XML DTD 2.0 {@code INSTANCE} elements, the form
 * {@code IWbemObjectTextSrc::GetText(WMI_OBJ_TEXT_CIM_DTD_2_0)} produces and os-win and libvirt
 * send. The reader also accepts the WMI DTD 2.0 variant. Never resolves external entities or DTDs.
 * <p>Written form, compact and without whitespace:
 * <ul>
 *   <li>scalars: {@code <PROPERTY NAME="N" TYPE="uint16"><VALUE>3</VALUE></PROPERTY>}; null: no VALUE</li>
 *   <li>arrays: {@code <PROPERTY.ARRAY NAME="A" TYPE="string"><VALUE.ARRAY><VALUE>a</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>}</li>
 *   <li>references: {@code <PROPERTY.REFERENCE NAME="R"><VALUE.REFERENCE><INSTANCEPATH>..}, or
 *       LOCALINSTANCEPATH / INSTANCENAME when the path has no server / namespace; reference arrays
 *       as WMI's {@code PROPERTY.REFARRAY} / {@code VALUE.REFARRAY}</li>
 *   <li>embedded objects: {@code <PROPERTY NAME="E" TYPE="string" EMBEDDEDOBJECT="instance">}
 *       with the inner INSTANCE text, escaped, as the VALUE</li>
 * </ul>
 * Reading is tolerant: whitespace between elements, QUALIFIER elements, CLASSORIGIN/PROPAGATED and
 * other attributes, {@code VALUE.OBJECT} nesting, {@code PROPERTY.OBJECT}, a reference given as
 * plain path text, and VALUE.NAMEDINSTANCE (which sets the instance's path). A PROPERTY without
 * TYPE keeps its value as a string for the schema layer to coerce. WMI system properties
 * ({@code __PATH}, {@code __RELPATH}, {@code __CLASS}, ...) are not kept as properties; __PATH (or
 * __RELPATH with __NAMESPACE and __SERVER) becomes the instance's path. Stateless and thread-safe.
 */
public final class CimXml {
    private CimXml() {}

    /**
     * The INSTANCE text of {@code instance} (its path is not part of it). Fails with
     * WBEM_E_TYPE_MISMATCH for text XML 1.0 cannot carry (control characters other than tab,
     * line feed and carriage return; unpaired surrogates).
     *
     * @param instance the instance
     * @return its INSTANCE element
     */
    public static String writeInstance(CimInstance instance) {
        return CimXmlWriter.write(instance);
    }

    /**
     * Reads one INSTANCE (or VALUE.OBJECT / VALUE.NAMEDINSTANCE around one). Errors are
     * {@link CimException}s with {@link CimError#INVALID_OBJECT} naming line, column and element;
     * a DOCTYPE or a non-predefined entity reference is refused.
     *
     * @param xml the text
     * @return the instance, with a path when the text carried one
     */
    public static CimInstance readInstance(String xml) {
        return CimXmlReader.read(xml);
    }
}
