package io.hyperv4j.wsman.server;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A client-certificate mapping as WinRM's ({@code New-Item WSMan:\localhost\ClientCertificate -Issuer
 * THUMBPRINT -Subject S}): a client certificate authenticates as the served user when it was issued by the
 * CA whose SHA-1 thumbprint is {@code issuerThumbprint} (its signature checked with that CA's key, the CA
 * certificate sent in the client's chain) and its subject is {@code subject}, or any subject for
 * {@code "*"}. WinRM matches the subject against the certificate's UPN; here a subject matches an
 * e-mail or DNS subject-alternative name, or the subject's common name (ignoring case).
 *
 * @param issuerThumbprint the issuing CA's SHA-1 thumbprint, hex (colons and spaces ignored)
 * @param subject          the subject to match, or {@code *}
 */
public record ClientCertificateMapping(String issuerThumbprint, String subject) {
    /**
     * Normalizes the thumbprint and checks both fields.
     *
     * @param issuerThumbprint the issuing CA's SHA-1 thumbprint, hex
     * @param subject          the subject to match, or {@code *}
     * @throws CimException INVALID_PARAMETER naming what is wrong
     */
    public ClientCertificateMapping {
        String t = issuerThumbprint == null ? "" : issuerThumbprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!t.matches("[0-9A-F]{40}"))
            throw new CimException(CimError.INVALID_PARAMETER, "the issuer thumbprint " + issuerThumbprint + " is not a SHA-1 thumbprint (40 hex digits)");
        if (subject == null || subject.isBlank()) throw new CimException(CimError.INVALID_PARAMETER, "a client-certificate mapping needs a subject (or *)");
        issuerThumbprint = t;
    }

    /**
     * The SHA-1 thumbprint of a certificate, as Windows shows it.
     *
     * @param certificate the certificate
     * @return 40 upper-case hex digits
     */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot take a thumbprint: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the client's chain (its certificate first, then its issuer's) is one this mapping admits.
     *
     * @param chain the chain the client presented, already validated by TLS
     * @return true when the issuer's thumbprint and the subject match and the issuer signed the certificate
     */
    public boolean admits(List<X509Certificate> chain) {
        if (chain.size() < 2) return false;
        X509Certificate leaf = chain.get(0);
        X509Certificate issuer = chain.get(1);
        if (!issuer.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) || !thumbprint(issuer).equals(issuerThumbprint)) return false;
        try {
            leaf.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return subject.equals("*") || names(leaf).stream().anyMatch(subject::equalsIgnoreCase);
    }

    /** The names a subject may match: e-mail and DNS alternative names, and the common name. */
    private static List<String> names(X509Certificate c) {
        List<String> names = new java.util.ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null)
                for (List<?> n : c.getSubjectAlternativeNames())
                    if ((Objects.equals(n.get(0), 1) || Objects.equals(n.get(0), 2)) && n.get(1) instanceof String s) names.add(s);
        } catch (CertificateParsingException e) {
            // no usable alternative names: the common name still counts
        }
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns())
                if (rdn.getType().equalsIgnoreCase("CN")) names.add(String.valueOf(rdn.getValue()));
        } catch (InvalidNameException e) {
            // an unparsable subject matches nothing
        }
        return names;
    }
}
