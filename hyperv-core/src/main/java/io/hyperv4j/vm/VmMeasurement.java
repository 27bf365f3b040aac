package io.hyperv4j.vm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A VM's resource use over its metering interval, with the fields Measure-VM prints (its
 * VMMeteringReportForVirtualMachine), each from the Hyper-V metric definition of that name.
 *
 * @param averageCpuMhz            AvgCPU(MHz): Aggregated Average CPU Utilization
 * @param averageMemoryMb          AvgRAM(M): Aggregated Average Memory Utilization
 * @param minimumMemoryMb          MinRAM(M): Aggregated Minimum for Memory Utilization
 * @param maximumMemoryMb          MaxRAM(M): Aggregated Maximum for Memory Utilization
 * @param totalDiskMb              TotalDisk(M): Aggregated Maximum for Disk Allocations
 * @param networkInboundMb         NetworkInbound(M): Aggregated Filtered Incoming Network Traffic
 * @param networkOutboundMb        NetworkOutbound(M): Aggregated Filtered Outgoing Network Traffic
 * @param averageNormalizedIops    AggregatedAverageNormalizedIOPS: Aggregated Average Normalized Disk Throughput
 * @param averageLatencyMs         AggregatedAverageLatency: Aggregated Average Disk Latency
 * @param diskDataReadMb           AggregatedDiskDataRead: Aggregated Disk Data Read
 * @param diskDataWrittenMb        AggregatedDiskDataWritten: Aggregated Disk Data Written
 * @param normalizedIoCount        AggregatedNormalizedIOCount: Aggregated Normalized I/O Operations Completed
 * @param meteringDuration         MeteringDuration: the longest interval among the readings
 */
public record VmMeasurement(long averageCpuMhz, long averageMemoryMb, long minimumMemoryMb, long maximumMemoryMb, long totalDiskMb,
                            long networkInboundMb, long networkOutboundMb, long averageNormalizedIops, long averageLatencyMs,
                            long diskDataReadMb, long diskDataWrittenMb, long normalizedIoCount, Duration meteringDuration) {

    /**
     * Checks the duration.
     *
     * @param averageCpuMhz         average processor use
     * @param averageMemoryMb       average memory
     * @param minimumMemoryMb       minimum memory
     * @param maximumMemoryMb       maximum memory
     * @param totalDiskMb           disk allocated
     * @param networkInboundMb      traffic received
     * @param networkOutboundMb     traffic sent
     * @param averageNormalizedIops average normalized IOPS
     * @param averageLatencyMs      average disk latency
     * @param diskDataReadMb        data read
     * @param diskDataWrittenMb     data written
     * @param normalizedIoCount     normalized I/O operations
     * @param meteringDuration      the interval
     * @throws NullPointerException when the duration is null
     */
    public VmMeasurement {
        java.util.Objects.requireNonNull(meteringDuration, "meteringDuration");
    }

    /** The readings by definition name; a metric not read counts 0, as Measure-VM shows it. */
    static VmMeasurement of(List<MetricReading> readings) {
        Map<String, MetricReading> by = readings.stream().collect(Collectors.toMap(MetricReading::name, Function.identity(), (a, b) -> a));
        Function<String, Long> v = name -> by.containsKey(name) ? by.get(name).value() : 0L;
        Duration longest = readings.stream().map(MetricReading::interval).max(Duration::compareTo).orElse(Duration.ZERO);
        return new VmMeasurement(v.apply("Aggregated Average CPU Utilization"), v.apply("Aggregated Average Memory Utilization"),
                v.apply("Aggregated Minimum for Memory Utilization"), v.apply("Aggregated Maximum for Memory Utilization"),
                v.apply("Aggregated Maximum for Disk Allocations"), v.apply("Aggregated Filtered Incoming Network Traffic"),
                v.apply("Aggregated Filtered Outgoing Network Traffic"), v.apply("Aggregated Average Normalized Disk Throughput"),
                v.apply("Aggregated Average Disk Latency"), v.apply("Aggregated Disk Data Read"), v.apply("Aggregated Disk Data Written"),
                v.apply("Aggregated Normalized I/O Operations Completed"), longest);
    }
}
