package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssWriter;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The simulated requester's Backup Components Document (what SaveAsXML gives and InitializeForRestore
 * takes), shaped as the documents Windows' requesters save: root BACKUP_COMPONENTS in namespace
 * {@code x-schema:#VssComponentMetadata} with version 1.2, bootableSystemStateBackup, selectComponents,
 * backupType (full, incremental, differential, log, copy), partialFileSupport and snapshotSetId (a GUID
 * without braces); a WRITER_COMPONENTS per writer with its instanceId and writerId; a COMPONENT per
 * component added with its componentName, componentType (database, filegroup), logicalPath when it
 * has one, and backupSucceeded as SetBackupSucceeded set it.
 */
final class BackupDocument {
    static final String NAMESPACE = "x-schema:#VssComponentMetadata";

    private BackupDocument() {
    }

    static String write(VssBackupType type, UUID snapshotSetId, VssWriter writer, Map<String, Boolean> succeeded) {
        StringBuilder x = new StringBuilder("<BACKUP_COMPONENTS xmlns=\"").append(NAMESPACE).append("\" version=\"1.2\" bootableSystemStateBackup=\"no\"")
                .append(" selectComponents=\"yes\" backupType=\"").append(type.name().toLowerCase(Locale.ROOT)).append("\" partialFileSupport=\"no\"");
        if (snapshotSetId != null) x.append(" snapshotSetId=\"").append(snapshotSetId).append('"');
        x.append("><WRITER_COMPONENTS instanceId=\"").append(writer.instanceId()).append("\" writerId=\"").append(writer.writerId()).append("\">");
        succeeded.forEach((name, ok) -> {
            VssComponent c = writer.components().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            x.append("<COMPONENT componentName=\"").append(escape(name)).append("\" componentType=\"").append(c.type() == Vss.DATABASE ? "database" : "filegroup").append('"');
            if (c.logicalPath() != null && !c.logicalPath().isEmpty()) x.append(" logicalPath=\"").append(escape(c.logicalPath())).append('"');
            x.append(" backupSucceeded=\"").append(ok ? "yes" : "no").append("\"/>");
        });
        return x.append("</WRITER_COMPONENTS></BACKUP_COMPONENTS>").toString();
    }

    /**
     * The document a protection job's VSS backup saves with its recovery point (SaveAsXML after
     * BackupComplete): {@code writer}'s components, each backed up successfully.
     */
    static String ofJob(VssBackupType type, UUID snapshotSetId, VssWriter writer) {
        Map<String, Boolean> succeeded = new java.util.LinkedHashMap<>();
        writer.components().forEach(c -> succeeded.put(c.name(), true));
        return write(type, snapshotSetId, writer, succeeded);
    }

    /**
     * What InitializeForRestore takes from a document: its snapshot set (the backup it records; null
     * when it names none) and the components it holds as backed up ({@link #key}).
     */
    record Contents(UUID snapshotSetId, Set<String> succeeded) {
    }

    /** The components the document holds as backed up ({@link #key}); refuses what is not such a document. */
    static Set<String> succeeded(String document) {
        return read(document).succeeded();
    }

    /** The document's snapshot set and backed-up components; refuses what is not such a document. */
    static Contents read(String document) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = f.newDocumentBuilder().parse(new InputSource(new StringReader(document == null ? "" : document))).getDocumentElement();
        } catch (Exception e) {
            throw invalid("it is not XML: " + e.getMessage());
        }
        if (!"BACKUP_COMPONENTS".equals(root.getTagName())) throw invalid("its root is <" + root.getTagName() + ">, not <BACKUP_COMPONENTS>");
        Set<String> out = new LinkedHashSet<>();
        NodeList writers = root.getElementsByTagName("WRITER_COMPONENTS");
        for (int i = 0; i < writers.getLength(); i++) {
            Element w = (Element) writers.item(i);
            UUID writerId;
            try {
                writerId = UUID.fromString(w.getAttribute("writerId"));
            } catch (IllegalArgumentException e) {
                throw invalid("WRITER_COMPONENTS has no writerId GUID");
            }
            NodeList cs = w.getElementsByTagName("COMPONENT");
            for (int k = 0; k < cs.getLength(); k++) {
                Element c = (Element) cs.item(k);
                if ("yes".equals(c.getAttribute("backupSucceeded"))) out.add(key(writerId, c.getAttribute("componentName")));
            }
        }
        String set = root.getAttribute("snapshotSetId");
        try {
            return new Contents(set.isEmpty() ? null : UUID.fromString(set), out);
        } catch (IllegalArgumentException e) {
            throw invalid("its snapshotSetId '" + set + "' is not a GUID");
        }
    }

    static String key(UUID writerId, String component) {
        return writerId + "\\" + component.toLowerCase(Locale.ROOT);
    }

    private static VssException invalid(String why) {
        return new VssException("InitializeForRestore: the backup components document is not valid: " + why, VssError.INVALID_XML_DOCUMENT,
                VssError.INVALID_XML_DOCUMENT.hresult());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
