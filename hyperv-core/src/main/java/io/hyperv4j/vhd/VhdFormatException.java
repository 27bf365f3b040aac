package io.hyperv4j.vhd;

/**
 * A disk file does not follow its format: the message names the file, the structure, the field and
 * the file offset at fault, so a corrupt file can be diagnosed without a hex editor.
 */
public class VhdFormatException extends VhdException {
    private final String structure;
    private final String field;
    private final long fileOffset;

    public VhdFormatException(String file, String structure, String field, long fileOffset, String problem) {
        super(file + ": " + structure + (field.isEmpty() ? "" : "." + field)
                + (fileOffset >= 0 ? " at offset 0x" + Long.toHexString(fileOffset) : "") + ": " + problem);
        this.structure = structure;
        this.field = field;
        this.fileOffset = fileOffset;
    }

    /** The structure at fault, e.g. "VHDX header", "BAT", "VHD footer". */
    public String structure() {
        return structure;
    }

    /** The field at fault, or "" when the whole structure is. */
    public String field() {
        return field;
    }

    /** File offset of the fault, or -1 when it has none. */
    public long fileOffset() {
        return fileOffset;
    }
}
