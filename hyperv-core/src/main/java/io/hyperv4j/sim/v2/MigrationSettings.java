package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.LabJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each host's Msvm_VirtualSystemMigrationServiceSettingData, saved with the lab. A host starts as
 * Windows installs it: virtual machine migration off (Enable-VMMigration turns it on), two
 * simultaneous live and two storage migrations, CredSSP, compression on, SMB transport off.
 * Guarded by the lab lock.
 */
final class MigrationSettings {
    /** One host's settings, by the class's property names. */
    record Host(boolean enableVirtualSystemMigration, long maximumActiveVirtualSystemMigration, long maximumActiveStorageMigration,
                long authenticationType, boolean enableCompression, boolean enableSmbTransport) {
        static final Host DEFAULT = new Host(false, 2, 2, 0, true, false);
    }

    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Host of(String host) {
        return hosts.getOrDefault(host, Host.DEFAULT);
    }

    void put(String host, Host settings) {
        if (settings.equals(Host.DEFAULT)) hosts.remove(host);
        else hosts.put(host, settings);
    }

    void save(ObjectNode into) {
        if (hosts.isEmpty()) return;
        ObjectNode all = into.putObject("migrationService");
        hosts.forEach((name, h) -> all.putObject(name)
                .put("enableVirtualSystemMigration", h.enableVirtualSystemMigration())
                .put("maximumActiveVirtualSystemMigration", h.maximumActiveVirtualSystemMigration())
                .put("maximumActiveStorageMigration", h.maximumActiveStorageMigration())
                .put("authenticationType", h.authenticationType())
                .put("enableCompression", h.enableCompression())
                .put("enableSmbTransport", h.enableSmbTransport()));
    }

    void load(LabJson from) {
        hosts.clear();
        if (!from.has("migrationService")) return;
        LabJson all = from.object("migrationService");
        all.fields().forEach((name, h) -> {
            if (!LabJson.HOST_NAME.matcher(name).matches()) throw all.invalid(name, "'" + name + "' is not a host name");
            hosts.put(name, new Host(h.bool("enableVirtualSystemMigration", false),
                    h.integer("maximumActiveVirtualSystemMigration", 0, 0xFFFF_FFFFL, 2),
                    h.integer("maximumActiveStorageMigration", 0, 0xFFFF_FFFFL, 2),
                    h.integer("authenticationType", 0, 1, 0),
                    h.bool("enableCompression", true), h.bool("enableSmbTransport", false)));
        });
    }
}
