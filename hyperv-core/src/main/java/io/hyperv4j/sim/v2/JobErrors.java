package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.sim.SimJob;
import java.util.List;

/** The Msvm_Error a failed job reports through Msvm_ConcreteJob.GetError / GetErrorEx. */
final class JobErrors {
    private JobErrors() {}

    /** The error of a job that failed, was killed or terminated; null for a job without one. */
    static CimInstance of(SimJob job) {
        if (job == null) return null;
        JobState s = job.state();
        if (s != JobState.EXCEPTION && s != JobState.KILLED && s != JobState.TERMINATED) return null;
        return CimInstance.builder(V2.ERROR)
                .put("ErrorType", CimValue.uint16(4)) // Software Error
                .put("OwningEntity", CimValue.string("Microsoft-Windows-Hyper-V-VMMS"))
                .put("MessageID", CimValue.string(Integer.toString(job.errorCode())))
                .put("Message", CimValue.string(job.errorDescription()))
                .put("MessageArguments", CimValue.strings(List.of()))
                .put("PerceivedSeverity", CimValue.uint16(s == JobState.TERMINATED ? 2 : 6)) // Low / Fatal
                .put("ErrorSource", CimValue.string(job.affectedVmId() == null ? "" : job.affectedVmId()))
                .put("CIMStatusCode", CimValue.uint32(1)) // CIM_ERR_FAILED
                .put("CIMStatusCodeDescription", CimValue.string(job.errorSummary()))
                .build();
    }

    /** GetError / GetErrorEx of a job class (lower-case method name); null for another method. */
    static io.hyperv4j.cim.MethodResult invoke(SimJob job, String method) {
        CimInstance e = of(job);
        return switch (method) {
            case "geterror" -> new io.hyperv4j.cim.MethodResult(0, e == null ? java.util.Map.of() : java.util.Map.of("Error", CimValue.object(e)));
            case "geterrorex" -> new io.hyperv4j.cim.MethodResult(0, java.util.Map.of("Errors", Embedded.objects(e == null ? List.of() : List.of(e))));
            default -> null;
        };
    }
}
