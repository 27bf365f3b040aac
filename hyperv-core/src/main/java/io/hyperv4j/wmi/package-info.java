/**
 * The Windows transport: {@link io.hyperv4j.cim.CimSession} over WMI through JNA and COM, reached
 * with {@code wmi://host} URIs. The public API is {@link io.hyperv4j.wmi.WmiTransport} (registered
 * for the {@code wmi} scheme, so {@code HyperV.connect} finds it) and
 * {@link io.hyperv4j.wmi.WmiException} (a {@code CimException} that keeps the exact HRESULT);
 * everything else is package-private.
 * <p>Pure logic, tested everywhere: {@code WmiValues} (VARIANT conventions), {@code WmiErrors}
 * (HRESULT table and advice), {@code ComThread} (the per-session COM thread), {@code WmiTarget}
 * and {@code WmiPaths} (URIs, namespaces, paths), {@code WmiSession} (orchestration over the
 * {@code WbemConnector} seam). The {@code Native*} classes are the thin JNA binding over the
 * {@code ComNative} seam (ole32, oleaut32 and the {@code ComMethod} vtable slots), loaded only when
 * a session opens on Windows; tests drive them over a recording fake and check them against Wine's
 * headers. Design note: hyperv-core/docs/wmi-transport.md.
 */
package io.hyperv4j.wmi;
