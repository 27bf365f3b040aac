package io.hyperv4j.cim;

/**
 * A parsed WQL statement. Implementations: select (data or event), associators of, references of.
 * The CIM-text work defines the concrete types.
 */
public interface WqlQuery {
}
