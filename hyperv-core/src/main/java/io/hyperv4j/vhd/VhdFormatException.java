package io.hyperv4j.vhd;

/**
 * A disk file does not follow its format: the message names the file, the structure, the field and
 * the file offset at fault, so a corrupt file can be diagnosed without a hex editor. Immutable.
 */
public class VhdFormatException extends VhdException {
    /** The structure at fault. */
    private final String structure;
    /** The field at fault, or "". */
    private final String field;
    /** The fault's file offset, or -1. */
    private final long fileOffset;

    /**
     * @param file       the file, as the message names it
     * @param structure  the structure at fault, e.g. "VHDX header"
     * @param field      the field at fault, or "" for the whole structure
     * @param fileOffset where in the file, or a negative value for none
     * @param problem    what is wrong
     */
    public VhdFormatException(String file, String structure, String field, long fileOffset, String problem) {
        super(file + ": " + structure + (field.isEmpty() ? "" : "." + field)
                + (fileOffset >= 0 ? " at offset 0x" + Long.toHexString(fileOffset) : "") + ": " + problem);
        this.structure = structure;
        this.field = field;
        this.fileOffset = fileOffset;
    }

    /**
     * The structure at fault, e.g. "VHDX header", "BAT", "VHD footer".
     *
     * @return the structure's name
     */
    public String structure() {
        return structure;
    }

    /**
     * The field at fault, or "" when the whole structure is.
     *
     * @return the field's name
     */
    public String field() {
        return field;
    }

    /**
     * File offset of the fault, or a negative value when it has none.
     *
     * @return the offset
     */
    public long fileOffset() {
        return fileOffset;
    }
}
