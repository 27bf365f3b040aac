package io.hyperv4j.wsman.internal.ntlm;

/** The NegotiateFlags bits of [MS-NLMP] 2.2.2.5 that this implementation uses. */
public final class NtlmFlags {
    public static final int NEGOTIATE_UNICODE = 0x00000001;
    public static final int REQUEST_TARGET = 0x00000004;
    public static final int NEGOTIATE_SIGN = 0x00000010;
    public static final int NEGOTIATE_SEAL = 0x00000020;
    public static final int NEGOTIATE_NTLM = 0x00000200;
    public static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    public static final int TARGET_TYPE_SERVER = 0x00020000;
    public static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    public static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    public static final int NEGOTIATE_VERSION = 0x02000000;
    public static final int NEGOTIATE_128 = 0x20000000;
    public static final int NEGOTIATE_KEY_EXCH = 0x40000000;
    public static final int NEGOTIATE_56 = 0x80000000;

    /** What a sealing client asks for: NTLMv2 with extended session security, 128-bit keys, key exchange, sign and seal. */
    public static final int CLIENT = NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_SIGN | NEGOTIATE_SEAL | NEGOTIATE_NTLM
            | NEGOTIATE_ALWAYS_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_TARGET_INFO | NEGOTIATE_VERSION
            | NEGOTIATE_128 | NEGOTIATE_KEY_EXCH | NEGOTIATE_56;

    /** Without these a server cannot seal as WinRM needs, so it refuses the negotiation. */
    public static final int REQUIRED = NEGOTIATE_SIGN | NEGOTIATE_SEAL | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_128 | NEGOTIATE_KEY_EXCH;

    private NtlmFlags() {}
}
