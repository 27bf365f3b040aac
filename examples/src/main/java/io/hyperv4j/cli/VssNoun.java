package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.vss.VssProvider;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterStatus;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv vss writers|providers|snapshots}: what {@code vssadmin list ...} shows; JSON named as VSS names the
 * writer's and provider's properties and as Win32_ShadowCopy names a shadow copy's.
 */
public final class VssNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(
            Verb.of("writers", "vssadmin list writers: the Hyper-V writer's components per VM and the guests' writers"),
            Verb.of("providers", "vssadmin list providers"),
            Verb.of("snapshots", "vssadmin list shadows: shadow copies held by running backups"));

    @Override
    public String name() {
        return "vss";
    }

    @Override
    public String summary() {
        return "Volume Shadow Copy Service: writers, providers, snapshots";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        DataProtection dpm = ctx.hyperV().capability(DataProtection.class);
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        switch (verb.name()) {
            case "writers" -> {
                List<VssWriter> writers = dpm.writers();
                List<VssWriterStatus> status = dpm.writerStatus();
                for (int i = 0; i < writers.size(); i++) {
                    VssWriter w = writers.get(i);
                    VssWriterStatus st = status.get(i);
                    String state = "[" + st.state().value() + "] " + words(st.state().name());
                    String lastError = st.failure() == 0 ? "No error" : st.error().map(Enum::name).orElse(String.format(Locale.ROOT, "0x%08X", st.failure()));
                    ArrayNode c = json.addObject().put("WriterName", w.name()).put("WriterId", w.writerId().toString())
                            .put("WriterInstanceId", w.instanceId().toString()).put("State", state).put("LastError", lastError).putArray("Components");
                    w.components().forEach(x -> c.add(x.caption()));
                    text.append(String.format(Locale.ROOT, "Writer name: '%s'%n   Writer Id: {%s}%n   Writer Instance Id: {%s}%n   State: %s%n   Last error: %s%n",
                            w.name(), w.writerId(), w.instanceId(), state, lastError));
                    w.components().forEach(x -> text.append("   Component: ").append(x.caption()).append('\n'));
                }
            }
            case "providers" -> {
                for (VssProvider p : dpm.providers()) {
                    String type = words(p.type().name());
                    json.addObject().put("ProviderName", p.name()).put("ProviderType", type).put("ProviderId", p.providerId().toString())
                            .put("Version", p.version());
                    text.append(String.format(Locale.ROOT, "Provider name: '%s'%n   Provider type: %s%n   Provider Id: {%s}%n   Version: %s%n",
                            p.name(), type, p.providerId(), p.version()));
                }
            }
            case "snapshots" -> {
                for (VssSnapshot s : dpm.shadowCopies()) {
                    json.addObject().put("ID", s.id().toString()).put("SetID", s.setId().toString()).put("VolumeName", s.originalVolume())
                            .put("DeviceObject", s.deviceObject()).put("ProviderID", s.providerId().toString()).put("InstallDate", s.created().toString());
                    text.append(String.format(Locale.ROOT, "Shadow Copy ID: {%s} (set {%s})%n   Original Volume: %s%n   Shadow Copy Volume: %s%n   Created: %s%n",
                            s.id(), s.setId(), s.originalVolume(), s.deviceObject(), s.created()));
                }
                if (text.isEmpty()) text.append("No items found that satisfy the query.");
            }
            default -> throw new UsageException("unknown verb " + verb.name());
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    /** An enum constant as vssadmin words it: WAITING_FOR_BACKUP_COMPLETE is "Waiting for backup complete". */
    private static String words(String constant) {
        String w = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
