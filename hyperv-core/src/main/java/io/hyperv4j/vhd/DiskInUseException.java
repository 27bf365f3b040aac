package io.hyperv4j.vhd;

/**
 * A disk file is locked by another process (or, for writing, by another open in this one): Windows'
 * ERROR_SHARING_VIOLATION, "the process cannot access the file because it is being used by another
 * process". Nothing was changed; retry when the other user has closed it.
 */
public final class DiskInUseException extends VhdException {
    /**
     * @param message which file, and who holds it
     */
    public DiskInUseException(String message) {
        super(message);
    }
}
