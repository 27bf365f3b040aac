package io.hyperv4j.vhd;

/** File format of a virtual disk (Get-VHD's VhdFormat; RAW is a flat image, not a Hyper-V format). */
public enum VhdFormat {
    /** Microsoft's VHD Image Format (up to 2040 GiB). */
    VHD,
    /** [MS-VHDX] (up to 64 TiB, with a metadata log). */
    VHDX,
    /** A flat image: virtual byte n is file byte n. */
    RAW;

    /**
     * Guesses the format from a file name's extension (.vhd, .vhdx, anything else is raw).
     *
     * @param name the file name, in any case
     * @return the format
     */
    public static VhdFormat fromFileName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".vhdx")) {
            return VHDX;
        }
        return n.endsWith(".vhd") ? VHD : RAW;
    }
}
