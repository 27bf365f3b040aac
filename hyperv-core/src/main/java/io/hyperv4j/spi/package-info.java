/**
 * API for extension: what a transport ({@link io.hyperv4j.spi.CimTransport}) or a module adding a
 * host capability ({@link io.hyperv4j.spi.HostCapability}) implements, both found by ServiceLoader,
 * plus the credentials and redaction helpers they share.
 */
package io.hyperv4j.spi;
