/**
 * The WMI class schema: classes, properties, methods and value maps as Microsoft documents them,
 * and the checks every method call and embedded instance goes through.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * CimSchema v2 = CimSchema.forNamespace("root\\virtualization\\v2");   // cached
 * v2.isA("Msvm_ProcessorSettingData", "CIM_ResourceAllocationSettingData");  // true
 * Map<String, CimValue> in = v2.checkInvocation("Msvm_ComputerSystem", "RequestStateChange",
 *         Map.of("RequestedState", CimValue.string("2")));              // -> uint16 2, TimeoutPeriod null
 * CimInstance vssd = v2.coerceInstance(parsedFromCimXml);                // untyped values -> declared types
 * }</pre>
 *
 * <p>Conventions shared by every check: embedded instances (parameters and properties with an
 * {@code EmbeddedInstance} class, whether typed string or object) are held as OBJECT values once
 * checked, whatever form they arrived in (CIM-XML text or an instance); an empty string stands for
 * "no instance". A single value is accepted where an array is declared, never the reverse.
 * Value maps are documentation, not constraints: a provider decides what an undocumented value
 * means (usually an "Invalid parameter" return code), so the schema does not refuse it.
 *
 * <h2>Data files</h2>
 * One JSON file per namespace under {@code src/main/resources/io/hyperv4j/schema/}, named after
 * the namespace ({@code virtualization-v2.json}, {@code mscluster.json}); {@code system.json}
 * holds the WMI system classes every namespace has. Other modules may add files for their
 * namespaces under the same resource path. Format:
 * <pre>
 * { "namespace": "root\\virtualization\\v2", "description": "...",
 *   "external": [ {"name": "Some_Class", "note": "why it is mentioned but not defined"} ],
 *   "classes": [
 *     { "name": "Msvm_ComputerSystem", "superclass": "CIM_ComputerSystem",
 *       "abstract": false, "association": false, "event": false,
 *       "source": "HyperV_v2/msvm-computersystem.md", "notes": "where the page is silent or wrong",
 *       "properties": [
 *         {"name": "Name", "type": "string", "key": true},
 *         {"name": "OperationalStatus", "type": "uint16[]", "values": {"2": "OK", "32768..65535": "..."}},
 *         {"name": "Antecedent", "type": "ref", "refClass": "CIM_ManagedElement", "key": true},
 *         {"name": "PrivateProperties", "type": "object", "embeddedInstance": "MSCluster_Property"} ],
 *       "methods": [
 *         {"name": "RequestStateChange", "returns": "uint32" (or "void"), "static": false,
 *          "returnValues": {"0": "...", "4096": "..."},
 *          "params": [ {"name": "RequestedState", "type": "uint16", "values": {...}},
 *                      {"name": "Job", "type": "ref", "refClass": "CIM_ConcreteJob", "direction": "out"} ]} ] } ] }
 * </pre>
 * Types are the MOF names ({@code uint8 .. sint64, real32, real64, boolean, char16, string,
 * datetime, ref, object}) with {@code []} for arrays; directions are {@code in} (default),
 * {@code out} or {@code in, out}; value-map keys are integers, {@code 0x} hex, or inclusive
 * ranges {@code a..b}, and a negative key of an unsigned type (MSCluster's -1) is its bit pattern.
 * The reader refuses unknown fields and malformed entries; {@link io.hyperv4j.cim.schema.SchemaCheck}
 * checks a whole schema for dangling names.
 *
 * <p>Every class records the page it comes from. Inherited members are listed on the concrete
 * classes, flattened as the pages list them; the CIM ancestors only carry the hierarchy. Where a
 * page contradicts the way WMI addresses instances (keys marked on the wrong property) or
 * contradicts itself, the data follows the working behaviour and says so in {@code notes}.
 */
package io.hyperv4j.cim.schema;
