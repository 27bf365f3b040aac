package io.hyperv4j.sim.v2;

/**
 * A metric the simulator meters per VM, named as Hyper-V names its definitions (the captions a
 * shipped client lists for Msvm_AggregationMetricDefinition and Msvm_BaseMetricDefinition), with
 * how its value follows from the VM's {@link MeteredUsage} over the interval. Units are the
 * simulator's wording: the pages do not give Hyper-V's.
 */
enum MeteredMetric {
    AVERAGE_CPU(true, "Aggregated Average CPU Utilization", "MHz", "hertz*10^6", 4) {
        @Override long value(MeteredUsage u) { return Math.round(u.cpuMhzSeconds() / u.intervalSeconds()); }
    },
    AVERAGE_MEMORY(true, "Aggregated Average Memory Utilization", "Megabytes", "byte*2^20", 4) {
        @Override long value(MeteredUsage u) { return u.heldMemory() ? u.memoryMb() : 0; }
    },
    MINIMUM_MEMORY(true, "Aggregated Minimum for Memory Utilization", "Megabytes", "byte*2^20", 2) {
        @Override long value(MeteredUsage u) { return u.heldMemory() ? u.memoryMb() : 0; }
    },
    MAXIMUM_MEMORY(true, "Aggregated Maximum for Memory Utilization", "Megabytes", "byte*2^20", 3) {
        @Override long value(MeteredUsage u) { return u.heldMemory() ? u.memoryMb() : 0; }
    },
    MAXIMUM_DISK_ALLOCATION(true, "Aggregated Maximum for Disk Allocations", "Megabytes", "byte*2^20", 3) {
        @Override long value(MeteredUsage u) { return u.diskMb(); }
    },
    AVERAGE_NORMALIZED_IOPS(true, "Aggregated Average Normalized Disk Throughput", "Normalized I/O operations per second", "count/second", 4) {
        @Override long value(MeteredUsage u) { return Math.round(u.normalizedIos() / u.intervalSeconds()); }
    },
    AVERAGE_LATENCY(true, "Aggregated Average Disk Latency", "Milliseconds", "second*10^-3", 4) {
        @Override long value(MeteredUsage u) { return u.normalizedIos() > 0 ? Math.round(u.load().latencySeconds() * 1000) : 0; }
    },
    NORMALIZED_IO_COUNT(false, "Aggregated Normalized I/O Operations Completed", "Normalized I/O operations", "count", 0) {
        @Override long value(MeteredUsage u) { return Math.round(u.normalizedIos()); }
    },
    DISK_DATA_READ(false, "Aggregated Disk Data Read", "Megabytes", "byte*2^20", 0) {
        @Override long value(MeteredUsage u) { return megabytes(u.diskSeconds() * u.load().readsPerSecond() * u.load().bytesPerIo()); }
    },
    DISK_DATA_WRITTEN(false, "Aggregated Disk Data Written", "Megabytes", "byte*2^20", 0) {
        @Override long value(MeteredUsage u) { return megabytes(u.diskSeconds() * u.load().writesPerSecond() * u.load().bytesPerIo()); }
    },
    NETWORK_INBOUND(false, "Aggregated Filtered Incoming Network Traffic", "Megabytes", "byte*2^20", 0) {
        @Override long value(MeteredUsage u) { return megabytes(u.networkSeconds() * u.load().receivedBytesPerSecond()); }
    },
    NETWORK_OUTBOUND(false, "Aggregated Filtered Outgoing Network Traffic", "Megabytes", "byte*2^20", 0) {
        @Override long value(MeteredUsage u) { return megabytes(u.networkSeconds() * u.load().sentBytesPerSecond()); }
    };

    /** Storage QoS counts I/O in normalized 8 KB units (Set-VMHardDiskDrive's MinimumIOPS/MaximumIOPS). */
    static final double NORMALIZED_IO_BYTES = 8192;

    /** Whether it is an Msvm_AggregationMetricDefinition (else an Msvm_BaseMetricDefinition). */
    final boolean aggregation;
    final String elementName;
    final String units;
    final String programmaticUnits;
    /** The aggregation's SimpleFunction (2 Minimum, 3 Maximum, 4 Average); 0 for a base metric. */
    final int simpleFunction;
    final String id;

    MeteredMetric(boolean aggregation, String elementName, String units, String programmaticUnits, int simpleFunction) {
        this.aggregation = aggregation;
        this.elementName = elementName;
        this.units = units;
        this.programmaticUnits = programmaticUnits;
        this.simpleFunction = simpleFunction;
        this.id = "Microsoft:" + NetworkRenderer.guid("metric:" + name());
    }

    /** The value over the interval {@code u} describes. */
    abstract long value(MeteredUsage u);

    String definitionClass() {
        return aggregation ? MetricsProvider.DEFINITION : MetricsProvider.BASE_DEFINITION;
    }

    String valueClass() {
        return aggregation ? MetricsProvider.VALUE : MetricsProvider.BASE_VALUE;
    }

    /** Whether each virtual hard disk has a value of its own (os-win and Measure-VM read them from the disk's settings). */
    boolean perDisk() {
        return switch (this) {
            case MAXIMUM_DISK_ALLOCATION, AVERAGE_NORMALIZED_IOPS, AVERAGE_LATENCY, NORMALIZED_IO_COUNT, DISK_DATA_READ, DISK_DATA_WRITTEN -> true;
            default -> false;
        };
    }

    /** Totals add up across VMs (2 Summable); averages, minima and maxima do not (3 Non-summable). */
    int calculable() {
        return aggregation && this != MAXIMUM_DISK_ALLOCATION ? 3 : 2;
    }

    static MeteredMetric byId(Object id) {
        for (MeteredMetric m : values()) if (m.id.equalsIgnoreCase(String.valueOf(id))) return m;
        return null;
    }

    private static long megabytes(double bytes) {
        return (long) Math.floor(bytes / (1 << 20));
    }
}
