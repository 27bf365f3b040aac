package io.hyperv4j.cli;

import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.vm.Msvm;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Reads the Hyper-V schema on a second thread while a lab command loads its lab: a short command
 * otherwise spends a fifth of its time reading {@code root\virtualization\v2} (its outline, then
 * the classes it touches) after the lab is loaded, on a machine with a second core idle. The
 * schema is shared and read once per process, so a command asking for it meanwhile waits for this
 * thread's work instead of doing it again; a failure here only means the command reads it itself.
 */
final class SchemaWarmup {
    /** The classes nearly every VM command reads, in the order Get-VM first asks for them. */
    private static final List<String> CLASSES = List.of(Msvm.MANAGEMENT_SERVICE, "Msvm_SummaryInformation", Msvm.COMPUTER_SYSTEM,
            Msvm.SYSTEM_SETTING_DATA, Msvm.PROCESSOR_SETTING_DATA, Msvm.MEMORY_SETTING_DATA);

    private SchemaWarmup() {}

    /** Starts reading the schema on a daemon thread (the process does not wait for it to end). */
    static void start() {
        Thread t = new Thread(SchemaWarmup::read, "hyperv-schema-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void read() {
        try {
            CimSchema schema = CimSchema.forNamespace(Msvm.NAMESPACE);
            for (String c : CLASSES) schema.superclassChain(c);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(SchemaWarmup.class).debug("reading the schema ahead failed; the command reads it itself", e);
        }
    }
}
