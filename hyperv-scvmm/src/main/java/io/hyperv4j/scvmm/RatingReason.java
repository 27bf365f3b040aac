package io.hyperv4j.scvmm;

/** Why a host gets zero stars for a VM (VMM's placement "rating explanations"). */
public enum RatingReason {
    CURRENT_HOST("the VM already runs there"),
    NOT_ENOUGH_MEMORY("not enough free memory for the VM"),
    NO_PROCESSOR_HEADROOM("processor use would exceed the host's reserve"),
    NOT_ENOUGH_DISK("not enough free space for the VM's files"),
    NETWORK_SATURATED("the host's network is saturated"),
    HOST_NOT_RESPONDING("the host is not responding");

    private final String text;

    RatingReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
