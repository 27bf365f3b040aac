package io.hyperv4j.wsman.internal;

import java.util.Arrays;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * Kerberos message sealing as WinRM frames it ([MS-WSMV] 2.2.9.1.1/2.2.9.1.2): a GSS wrap with
 * confidentiality, split the way Windows' and MIT's IOV wrap split it: the "signature" is the token
 * header (with the right rotation count, RRC, set) followed by the trailer rotated to the front, the
 * data is the encrypted plaintext alone. The JDK has no IOV wrap, so the layout is built from a
 * standard RFC 4121 wrap token and taken apart again before unwrapping (RFC 4121 4.2.5: the rotation
 * moves the last RRC bytes of what follows the header to its front; the header copy inside the
 * encryption keeps RRC 0, which is why only the outer header changes).
 *
 * <p>Only RFC 4121 tokens (AES enctypes) are handled; a context whose enctype makes older tokens
 * (RC4, DES) is refused when wrapping. Replayed, reordered or tampered messages are refused: the
 * context's sequence and replay detection are checked on every unwrap.
 */
public final class KerberosSecurity implements MessageSecurity {
    /** Under the Negotiate scheme (SPNEGO), what Windows and pywinrm name in the multipart. */
    public static final String SPNEGO_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    /** Under the Kerberos scheme. */
    public static final String KERBEROS_PROTOCOL = "application/HTTP-Kerberos-session-encrypted";
    private static final int HEADER = 16;
    /** The confounder the AES enctypes (RFC 3962, RFC 8009) put before the plaintext: one block. */
    private static final int CONFOUNDER = 16;
    private final GSSContext context;
    private final String protocol;

    /**
     * @param context  an established context that offers confidentiality
     * @param protocol {@link #SPNEGO_PROTOCOL} or {@link #KERBEROS_PROTOCOL}
     */
    public KerberosSecurity(GSSContext context, String protocol) {
        this.context = context;
        this.protocol = protocol;
    }

    @Override
    public synchronized Sealed wrap(byte[] plaintext) {
        MessageProp prop = new MessageProp(0, true);
        byte[] token;
        try {
            token = context.wrap(plaintext, 0, plaintext.length, prop);
        } catch (GSSException e) {
            throw new IllegalStateException("the Kerberos context cannot seal: " + e.getMessage(), e);
        }
        if (!prop.getPrivacy()) throw new IllegalStateException("the Kerberos context does not encrypt (confidentiality was not negotiated)");
        if (!isCfx(token, token.length) || u16(token, 6) != 0)
            throw new IllegalStateException("the Kerberos context makes no RFC 4121 wrap token (an enctype older than AES?)");
        int stream = token.length - HEADER; // confounder | plaintext | filler | header copy, encrypted, then the checksum
        int trailer = stream - CONFOUNDER - plaintext.length; // filler + header copy + checksum: what the RRC moves
        if (trailer < HEADER) throw new IllegalStateException("unexpected Kerberos wrap token length " + token.length);
        byte[] header = new byte[HEADER + trailer + CONFOUNDER];
        System.arraycopy(token, 0, header, 0, HEADER);
        header[6] = (byte) (trailer >>> 8);
        header[7] = (byte) trailer;
        System.arraycopy(token, HEADER + CONFOUNDER + plaintext.length, header, HEADER, trailer);
        System.arraycopy(token, HEADER, header, HEADER + trailer, CONFOUNDER);
        byte[] data = Arrays.copyOfRange(token, HEADER + CONFOUNDER, HEADER + CONFOUNDER + plaintext.length);
        return new Sealed(header, data);
    }

    @Override
    public synchronized byte[] unwrap(Sealed sealed) {
        byte[] h = sealed.signature();
        if (!isCfx(h, h.length)) throw new SecurityException("the sealed message's header is not a Kerberos wrap token header");
        byte[] blob = new byte[h.length - HEADER + sealed.data().length];
        System.arraycopy(h, HEADER, blob, 0, h.length - HEADER);
        System.arraycopy(sealed.data(), 0, blob, h.length - HEADER, sealed.data().length);
        int rrc = blob.length == 0 ? 0 : u16(h, 6) % blob.length;
        byte[] token = new byte[HEADER + blob.length];
        System.arraycopy(h, 0, token, 0, HEADER);
        token[6] = 0;
        token[7] = 0;
        // Undo the right rotation: the first RRC bytes belong at the end.
        System.arraycopy(blob, rrc, token, HEADER, blob.length - rrc);
        System.arraycopy(blob, 0, token, HEADER + blob.length - rrc, rrc);
        MessageProp prop = new MessageProp(0, true);
        byte[] plain;
        try {
            plain = context.unwrap(token, 0, token.length, prop);
        } catch (GSSException e) {
            throw new SecurityException("the sealed message does not unseal (tampered or not for this context): " + e.getMessage());
        }
        if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
            Arrays.fill(plain, (byte) 0);
            throw new SecurityException("the sealed message was replayed or is out of order");
        }
        if (!prop.getPrivacy()) {
            Arrays.fill(plain, (byte) 0);
            throw new SecurityException("the message was signed but not encrypted");
        }
        return plain;
    }

    /** RFC 4121 wrap token: TOK_ID 05 04, filler FF. */
    private static boolean isCfx(byte[] b, int length) {
        return length >= HEADER && b[0] == 0x05 && b[1] == 0x04 && b[3] == (byte) 0xff;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    @Override
    public String protocol() {
        return protocol;
    }
}
