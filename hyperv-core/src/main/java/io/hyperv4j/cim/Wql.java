package io.hyperv4j.cim;

/**
 * WQL: parsing, evaluation and building. {@link #parse(String)} gives a {@link WqlQuery} that can
 * be evaluated against instances; errors name the position at fault (WBEM_E_INVALID_QUERY).
 * Stateless and thread-safe.
 */
public final class Wql {
    private Wql() {}

    /**
     * Parses a SELECT (data or event), ASSOCIATORS OF or REFERENCES OF statement. Keywords and
     * names are case-insensitive. Errors are {@link CimException}s with
     * {@link CimError#INVALID_QUERY} naming the character offset and the token expected there.
     *
     * @param text the statement
     * @return the parsed query
     */
    public static WqlQuery parse(String text) {
        return WqlParser.parse(text);
    }

    /**
     * Parses a SELECT statement (data or event query); any other statement is WBEM_E_INVALID_QUERY_TYPE.
     *
     * @param text the statement
     * @return the parsed SELECT
     */
    public static WqlQuery.Select parseSelect(String text) {
        WqlQuery q = parse(text);
        if (q instanceof WqlQuery.Select s) return s;
        throw new CimException(CimError.INVALID_QUERY_TYPE, "expected a SELECT statement: " + CimValue.abbreviate(text));
    }

    /**
     * Builds an ASSOCIATORS OF statement for {@code path} (its relative form), with the filters given.
     *
     * @param path        the source instance
     * @param assocClass  AssocClass filter, or null
     * @param resultClass ResultClass filter, or null
     * @param role        Role filter, or null
     * @param resultRole  ResultRole filter, or null
     * @return the statement
     */
    public static String associatorsOf(ObjectPath path, String assocClass, String resultClass, String role, String resultRole) {
        StringBuilder b = new StringBuilder("ASSOCIATORS OF {").append(path.relative()).append('}');
        String where = filters("AssocClass", assocClass, "ResultClass", resultClass, "Role", role, "ResultRole", resultRole);
        return where.isEmpty() ? b.toString() : b.append(" WHERE").append(where).toString();
    }

    /**
     * Builds a REFERENCES OF statement for {@code path} (its relative form), with the filters given.
     *
     * @param path        the target instance
     * @param resultClass ResultClass filter, or null
     * @param role        Role filter, or null
     * @return the statement
     */
    public static String referencesOf(ObjectPath path, String resultClass, String role) {
        StringBuilder b = new StringBuilder("REFERENCES OF {").append(path.relative()).append('}');
        String where = filters("ResultClass", resultClass, "Role", role);
        return where.isEmpty() ? b.toString() : b.append(" WHERE").append(where).toString();
    }

    /**
     * Quotes a string literal for a WHERE clause, escaping backslashes and single quotes.
     *
     * @param s the text
     * @return the literal, in single quotes
     */
    public static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String filters(String... nameValue) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) b.append(' ').append(nameValue[i]).append(" = ").append(nameValue[i + 1]);
        }
        return b.toString();
    }
}
