package io.hyperv4j.scvmm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A storage vendor's support statement for one array model, as its support matrix lists it (seed
 * 003: storage can be supported for Windows Server 2008 failover clusters and not yet for Hyper-V
 * clusters, until a firmware or driver update). Windows reports an array's manufacturer, model and
 * firmware (MSFT_StorageSubSystem); whether that firmware is supported is the vendor's word, which
 * this record carries.
 *
 * @param manufacturer             the array's manufacturer, as MSFT_StorageSubSystem.Manufacturer reads
 * @param model                    its model, as MSFT_StorageSubSystem.Model reads
 * @param failoverClusterFirmware  the oldest firmware supported in failover clusters; null when none is
 * @param hyperVClusterFirmware    the oldest firmware supported in Hyper-V host clusters; null when none is
 */
public record StorageQualification(String manufacturer, String model, String failoverClusterFirmware, String hyperVClusterFirmware) {
    /**
     * Checks the names.
     *
     * @param manufacturer            the manufacturer
     * @param model                   the model
     * @param failoverClusterFirmware the oldest firmware for failover clusters, or null
     * @param hyperVClusterFirmware   the oldest firmware for Hyper-V clusters, or null
     * @throws NullPointerException when the manufacturer or model is null
     */
    public StorageQualification {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
    }

    /**
     * Whether this statement is about the array with this manufacturer and model (any case).
     *
     * @param manufacturer the array's manufacturer
     * @param model        the array's model
     * @return whether it applies
     */
    public boolean covers(String manufacturer, String model) {
        return this.manufacturer.equalsIgnoreCase(manufacturer) && this.model.equalsIgnoreCase(model);
    }

    /**
     * Whether {@code firmware} is {@code minimum} or later, comparing the numbers in them in order
     * (vendors write "0890/A-M", "06.70.17.60"): "0893" is later than "0890/A-M".
     *
     * @param firmware the array's firmware
     * @param minimum  the oldest supported firmware, or null when none is
     * @return whether the firmware is supported
     */
    public static boolean atLeast(String firmware, String minimum) {
        if (minimum == null) return false;
        List<BigInteger> have = numbers(firmware), need = numbers(minimum);
        for (int i = 0; i < Math.max(have.size(), need.size()); i++) {
            int c = (i < have.size() ? have.get(i) : BigInteger.ZERO).compareTo(i < need.size() ? need.get(i) : BigInteger.ZERO);
            if (c != 0) return c > 0;
        }
        return true;
    }

    private static List<BigInteger> numbers(String version) {
        List<BigInteger> out = new ArrayList<>();
        for (String part : version.split("\\D+")) if (!part.isEmpty()) out.add(new BigInteger(part));
        return out;
    }
}
