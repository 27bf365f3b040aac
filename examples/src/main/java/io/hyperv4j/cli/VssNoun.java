package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.ShadowCopy;
import io.hyperv4j.backup.VssProvider;
import io.hyperv4j.backup.VssWriter;
import java.util.List;
import java.util.Locale;

/** {@code hyperv vss writers|providers|snapshots}: what {@code vssadmin list ...} shows, JSON as Win32_ShadowCopy names it. */
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
                for (VssWriter w : dpm.writers()) {
                    ArrayNode c = json.addObject().put("WriterName", w.name()).put("WriterId", w.id()).put("Location", w.where())
                            .put("State", w.state()).put("LastError", w.lastError()).putArray("Components");
                    w.components().forEach(c::add);
                    text.append(String.format(Locale.ROOT, "Writer name: '%s' on %s%n   Writer Id: %s%n   State: %s%n   Last error: %s%n",
                            w.name(), w.where(), w.id(), w.state(), w.lastError()));
                    w.components().forEach(x -> text.append("   Component: ").append(x).append('\n'));
                }
            }
            case "providers" -> {
                for (VssProvider p : dpm.providers()) {
                    json.addObject().put("ProviderName", p.name()).put("ProviderType", p.type()).put("ProviderId", p.id()).put("Version", p.version());
                    text.append(String.format(Locale.ROOT, "Provider name: '%s'%n   Provider type: %s%n   Provider Id: %s%n   Version: %s%n",
                            p.name(), p.type(), p.id(), p.version()));
                }
            }
            case "snapshots" -> {
                for (ShadowCopy s : dpm.shadowCopies()) {
                    json.addObject().put("ID", s.id()).put("SetID", s.setId()).put("VolumeName", s.volume()).put("ProviderName", s.provider())
                            .put("InstallDate", s.created().toString()).put("VM", s.forVm());
                    text.append(String.format(Locale.ROOT, "Shadow Copy ID: %s (set %s)%n   Original Volume: %s%n   Provider: %s%n   Created: %s for %s%n",
                            s.id(), s.setId(), s.volume(), s.provider(), s.created(), s.forVm()));
                }
                if (text.isEmpty()) text.append("No items found that satisfy the query.");
            }
            default -> throw new UsageException("unknown verb " + verb.name());
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }
}
