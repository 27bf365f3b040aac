package io.hyperv4j.scvmm;

/** Why a host gets zero stars for a VM (VMM's placement "rating explanations"). */
public enum RatingReason {
    /** The VM already runs there. */
    CURRENT_HOST("the VM already runs there"),
    /** Not enough free memory for the VM. */
    NOT_ENOUGH_MEMORY("not enough free memory for the VM"),
    /** Processor use would exceed the host's reserve. */
    NO_PROCESSOR_HEADROOM("processor use would exceed the host's reserve"),
    /** Not enough free space for the VM's files. */
    NOT_ENOUGH_DISK("not enough free space for the VM's files"),
    /** The host's network is saturated. */
    NETWORK_SATURATED("the host's network is saturated"),
    /** The host is not responding. */
    HOST_NOT_RESPONDING("the host is not responding");

    private final String text;

    RatingReason(String text) {
        this.text = text;
    }

    /**
     * The sentence a user reads.
     *
     * @return the text
     */
    public String text() {
        return text;
    }
}
