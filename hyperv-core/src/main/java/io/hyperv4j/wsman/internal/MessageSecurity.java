package io.hyperv4j.wsman.internal;

/**
 * An established security context that seals WinRM messages over HTTP ([MS-WSMV] 2.2.9.1): wrap
 * returns the signature and the sealed bytes, unwrap checks the signature and returns the plaintext.
 * Calls are ordered (sequence numbers and stream ciphers advance), so a context is used by one
 * connection at a time; after a failed unwrap it must not be used again.
 */
public interface MessageSecurity {
    /** A sealed message: the signature and the encrypted bytes, as they travel. */
    record Sealed(byte[] signature, byte[] data) {}

    /**
     * Seals and signs one outgoing message.
     *
     * @param plaintext the message
     * @return its signature and sealed bytes
     */
    Sealed wrap(byte[] plaintext);

    /**
     * Unseals one incoming message and checks its signature and sequence number.
     *
     * @param sealed the signature and sealed bytes
     * @return the plaintext
     * @throws SecurityException when the message was tampered with, replayed or reordered
     */
    byte[] unwrap(Sealed sealed);

    /** The protocol named in the multipart's Content-Type. */
    String protocol();
}
