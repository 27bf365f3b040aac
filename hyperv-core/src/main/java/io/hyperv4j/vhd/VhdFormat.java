package io.hyperv4j.vhd;

/** File format of a virtual disk (Get-VHD's VhdFormat; RAW is a flat image, not a Hyper-V format). */
public enum VhdFormat {
    VHD, VHDX, RAW;

    /** Guesses the format from a file name's extension (.vhd, .vhdx, anything else is raw). */
    public static VhdFormat fromFileName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".vhdx")) {
            return VHDX;
        }
        return n.endsWith(".vhd") ? VHD : RAW;
    }
}
