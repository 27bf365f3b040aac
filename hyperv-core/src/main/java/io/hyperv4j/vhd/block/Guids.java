package io.hyperv4j.vhd.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** GUIDs in Microsoft's on-disk layout: Data1..Data3 little-endian, Data4 as bytes. Stateless and thread-safe. */
public final class Guids {
    /** The all-zero GUID, e.g. an empty LogGuid. */
    public static final UUID ZERO = new UUID(0, 0);

    private Guids() {
    }

    /**
     * Reads a GUID in Microsoft's layout.
     *
     * @param b  the bytes
     * @param at where the 16 bytes start
     * @return the GUID
     */
    public static UUID read(byte[] b, int at) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(at) & 0xFFFFFFFFL;
        long d2 = le.getShort(at + 4) & 0xFFFFL;
        long d3 = le.getShort(at + 6) & 0xFFFFL;
        long msb = (d1 << 32) | (d2 << 16) | d3;
        long lsb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
        return new UUID(msb, lsb);
    }

    /**
     * Writes a GUID in Microsoft's layout.
     *
     * @param b  the bytes
     * @param at where the 16 bytes start
     * @param id the GUID
     */
    public static void write(byte[] b, int at, UUID id) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long msb = id.getMostSignificantBits();
        le.putInt(at, (int) (msb >>> 32));
        le.putShort(at + 4, (short) (msb >>> 16));
        le.putShort(at + 6, (short) msb);
        ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putLong(at + 8, id.getLeastSignificantBits());
    }

    /**
     * Big-endian (RFC 4122 byte order) read, used by the VHD footer's unique id.
     *
     * @param b  the bytes
     * @param at where the 16 bytes start
     * @return the GUID
     */
    public static UUID readBigEndian(byte[] b, int at) {
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        return new UUID(be.getLong(at), be.getLong(at + 8));
    }

    /**
     * Big-endian (RFC 4122 byte order) write, used by the VHD footer's unique id.
     *
     * @param b  the bytes
     * @param at where the 16 bytes start
     * @param id the GUID
     */
    public static void writeBigEndian(byte[] b, int at, UUID id) {
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        be.putLong(at, id.getMostSignificantBits());
        be.putLong(at + 8, id.getLeastSignificantBits());
    }

    /**
     * The GUID as Windows writes it in text, e.g. in a VHDX parent locator.
     *
     * @param id the GUID
     * @return upper case, in braces: {@code {6B29FC40-CA47-1067-B31D-00DD010662DA}}
     */
    public static String braced(UUID id) {
        return "{" + id.toString().toUpperCase(java.util.Locale.ROOT) + "}";
    }
}
