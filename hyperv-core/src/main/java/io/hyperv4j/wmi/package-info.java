/**
 * The Windows transport: {@link io.hyperv4j.cim.CimSession} over WMI through JNA and COM, reached
 * with {@code wmi://host} URIs ({@link io.hyperv4j.wmi.WmiTransport}).
 * <p>Pure logic, tested everywhere: {@link io.hyperv4j.wmi.WmiValues} (VARIANT conventions),
 * {@link io.hyperv4j.wmi.WmiErrors} (HRESULT table and advice), {@link io.hyperv4j.wmi.ComThread}
 * (the per-session COM thread), {@link io.hyperv4j.wmi.WmiTarget} and {@link io.hyperv4j.wmi.WmiPaths}
 * (URIs, namespaces, paths), {@link io.hyperv4j.wmi.WmiSession} (orchestration over the
 * {@link io.hyperv4j.wmi.WbemConnector} seam). The package-private {@code Native*} classes are the
 * thin JNA binding, loaded only when a session opens on Windows. Design note: hyperv-core/docs/wmi-transport.md.
 */
package io.hyperv4j.wmi;
