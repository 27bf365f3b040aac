package io.hyperv4j.cim;

import java.util.List;
import java.util.Objects;

/**
 * A WQL WHERE condition, as parsed by {@link Wql#parse}. Evaluation follows WMI: names are
 * case-insensitive, string comparisons ignore case, any comparison involving NULL (or an array, or
 * values that cannot be converted to each other) is false, and a literal is converted to the type
 * of the value it is compared with ({@code EnabledState = '2'} matches 2). Logic is two-valued:
 * {@code NOT (X = 1)} is true when X is NULL. Immutable and thread-safe.
 */
public sealed interface WqlExpr {

    /**
     * True when {@code instance} satisfies the condition; ISA consults {@code classes}.
     *
     * @param instance the candidate
     * @param classes  the class hierarchy
     * @return whether the condition holds
     */
    boolean test(CimInstance instance, ClassHierarchy classes);

    /**
     * The condition as WQL text (parenthesized, literals quoted).
     *
     * @return the text
     */
    String toWql();

    /*
     * A WHERE clause of 100,000 terms is a tree 100,000 deep, so And, Or and Not walk it with
     * explicit stacks: no condition the parser accepts can overflow the thread's stack. Their
     * toString, equals and hashCode go through that text because the generated ones recurse as deep
     * as the tree; the text of a chain of one kind is flat, so chains that differ only in grouping
     * (which means the same) are equal.
     */

    /**
     * Both conditions hold.
     *
     * @param left  the first condition
     * @param right the second condition
     */
    record And(WqlExpr left, WqlExpr right) implements WqlExpr {
        public boolean test(CimInstance i, ClassHierarchy h) {
            for (WqlExpr e : conjuncts(this)) if (!e.test(i, h)) return false;
            return true;
        }

        public String toWql() {
            return text(this);
        }

        @Override public String toString() { return toWql(); }
        @Override public int hashCode() { return toWql().hashCode(); }
        @Override public boolean equals(Object o) { return o instanceof And x && toWql().equals(x.toWql()); }
    }

    /**
     * Either condition holds.
     *
     * @param left  the first condition
     * @param right the second condition
     */
    record Or(WqlExpr left, WqlExpr right) implements WqlExpr {
        public boolean test(CimInstance i, ClassHierarchy h) {
            for (WqlExpr e : operands(this, Or.class)) if (e.test(i, h)) return true;
            return false;
        }

        public String toWql() {
            return text(this);
        }

        @Override public String toString() { return toWql(); }
        @Override public int hashCode() { return toWql().hashCode(); }
        @Override public boolean equals(Object o) { return o instanceof Or x && toWql().equals(x.toWql()); }
    }

    /**
     * The condition does not hold.
     *
     * @param operand the negated condition
     */
    record Not(WqlExpr operand) implements WqlExpr {
        public boolean test(CimInstance i, ClassHierarchy h) {
            boolean negate = true;
            WqlExpr e = operand;
            while (e instanceof Not n) {
                negate = !negate;
                e = n.operand;
            }
            return e.test(i, h) != negate;
        }

        public String toWql() {
            return text(this);
        }

        @Override public String toString() { return toWql(); }
        @Override public int hashCode() { return toWql().hashCode(); }
        @Override public boolean equals(Object o) { return o instanceof Not x && toWql().equals(x.toWql()); }
    }

    /**
     * The properties a condition reads, by their first name (the embedded object of a dotted name).
     *
     * @param e the condition
     * @return the names, case-insensitive, in no particular order
     */
    static java.util.Set<String> propertiesIn(WqlExpr e) {
        java.util.Set<String> out = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        java.util.Deque<WqlExpr> todo = new java.util.ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            WqlExpr x = todo.pop();
            if (x instanceof And a) {
                todo.push(a.left);
                todo.push(a.right);
            } else if (x instanceof Or o) {
                todo.push(o.left);
                todo.push(o.right);
            } else if (x instanceof Not n) {
                todo.push(n.operand);
            } else if (x instanceof Comparison c) {
                if (c.left instanceof Property l) out.add(l.names().get(0));
                if (c.right instanceof Property r) out.add(r.names().get(0));
            } else if (x instanceof Like l) {
                out.add(l.property.names().get(0));
            } else if (x instanceof IsNull n) {
                out.add(n.property.names().get(0));
            } else if (x instanceof Isa i) {
                out.add(i.property.names().get(0));
            }
        }
        return out;
    }

    /**
     * The operands of the ANDs at the top of a condition, left to right.
     *
     * @param e the condition
     * @return its conjuncts ({@code e} itself when it is no AND)
     */
    static List<WqlExpr> conjuncts(WqlExpr e) {
        return operands(e, And.class);
    }

    private static List<WqlExpr> operands(WqlExpr e, Class<? extends WqlExpr> junction) {
        List<WqlExpr> out = new java.util.ArrayList<>();
        java.util.Deque<WqlExpr> todo = new java.util.ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            WqlExpr x = todo.pop();
            if (junction.isInstance(x) && x instanceof And a) {
                todo.push(a.right);
                todo.push(a.left);
            } else if (junction.isInstance(x) && x instanceof Or o) {
                todo.push(o.right);
                todo.push(o.left);
            } else {
                out.add(x);
            }
        }
        return out;
    }

    /** {@code e} as WQL: each chain of ANDs or ORs in one pair of parentheses, written without recursion. */
    private static String text(WqlExpr e) {
        StringBuilder b = new StringBuilder();
        java.util.Deque<Object> todo = new java.util.ArrayDeque<>();   // expressions and text, in writing order
        todo.push(e);
        while (!todo.isEmpty()) {
            Object x = todo.pop();
            if (x instanceof String s) {
                b.append(s);
            } else if (x instanceof And || x instanceof Or) {
                // a chain of one kind is written flat, "(a OR b OR c)": nested parentheses would nest as deep as the tree
                List<WqlExpr> ops = operands((WqlExpr) x, x instanceof And ? And.class : Or.class);
                String separator = x instanceof And ? " AND " : " OR ";
                todo.push(")");
                for (int k = ops.size() - 1; k >= 0; k--) {
                    todo.push(ops.get(k));
                    if (k > 0) todo.push(separator);
                }
                todo.push("(");
            } else if (x instanceof Not n) {
                todo.push(n.operand);
                todo.push("NOT ");
            } else {
                b.append(((WqlExpr) x).toWql());
            }
        }
        return b.toString();
    }

    /** A comparison operator. */
    enum Op {
        /** {@code =} */
        EQ("="),
        /** {@code <>} */
        NE("<>"),
        /** {@code <} */
        LT("<"),
        /** {@code >} */
        GT(">"),
        /** {@code <=} */
        LE("<="),
        /** {@code >=} */
        GE(">=");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        /**
         * The operator as WQL writes it.
         *
         * @return e.g. {@code <>}
         */
        public String text() {
            return text;
        }

        /**
         * The operator with its operands swapped: {@code 3 < X} is {@code X > 3}.
         *
         * @return the mirrored operator
         */
        public Op mirrored() {
            return switch (this) {
                case LT -> GT;
                case GT -> LT;
                case LE -> GE;
                case GE -> LE;
                default -> this;
            };
        }

        boolean holds(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case GT -> c > 0;
                case LE -> c <= 0;
                case GE -> c >= 0;
            };
        }
    }

    /**
     * {@code left op right}; at least one side is a property.
     *
     * @param left  the left operand
     * @param op    the operator
     * @param right the right operand
     */
    record Comparison(Operand left, Op op, Operand right) implements WqlExpr {
        /**
         * Checks the parts.
         *
         * @param left  the left operand
         * @param op    the operator
         * @param right the right operand
         */
        public Comparison {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(right, "right");
        }

        /** The literal converts to the property's type, so a literal on the left is moved to the right. */
        public boolean test(CimInstance i, ClassHierarchy h) {
            if (left instanceof Literal && right instanceof Property) {
                Integer c = WqlValues.compare(right.evaluate(i), left.evaluate(i));
                return c != null && op.mirrored().holds(c);
            }
            Integer c = WqlValues.compare(left.evaluate(i), right.evaluate(i));
            return c != null && op.holds(c);
        }

        public String toWql() {
            return left.toWql() + " " + op.text + " " + right.toWql();
        }
    }

    /**
     * {@code property [NOT] LIKE 'pattern'} with % _ [abc] [a-z] [^a], ignoring case.
     *
     * @param property the property
     * @param pattern  the LIKE pattern
     * @param negated  true for NOT LIKE
     */
    record Like(Property property, String pattern, boolean negated) implements WqlExpr {
        /**
         * Checks the pattern.
         *
         * @param property the property
         * @param pattern  the LIKE pattern
         * @param negated  true for NOT LIKE
         * @throws IllegalArgumentException for a malformed pattern (an unclosed {@code [})
         */
        public Like {
            Objects.requireNonNull(property, "property");
            WqlLike.compile(pattern);
        }

        public boolean test(CimInstance i, ClassHierarchy h) {
            String text = WqlValues.text(property.evaluate(i));
            return text != null && WqlLike.compiled(pattern).matches(text) != negated;
        }

        public String toWql() {
            return property.toWql() + (negated ? " NOT LIKE " : " LIKE ") + Wql.quote(pattern);
        }
    }

    /**
     * {@code property IS [NOT] NULL}; an absent property is NULL.
     *
     * @param property the property
     * @param negated  true for IS NOT NULL
     */
    record IsNull(Property property, boolean negated) implements WqlExpr {
        public boolean test(CimInstance i, ClassHierarchy h) {
            CimValue v = property.resolve(i);
            return (v == null || v.isNull()) != negated;
        }

        public String toWql() {
            return property.toWql() + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /**
     * {@code property ISA 'Class'}: the embedded object's class is, or derives from, Class.
     *
     * @param property  the embedded-object property
     * @param className the class
     */
    record Isa(Property property, String className) implements WqlExpr {
        public boolean test(CimInstance i, ClassHierarchy h) {
            CimValue v = property.resolve(i);
            if (v == null || v.isNull() || v.array() || v.type() != CimType.OBJECT) return false;
            return WqlValues.isA(v.asInstance().className(), className, h);
        }

        public String toWql() {
            return property.toWql() + " ISA " + Wql.quote(className);
        }
    }

    /** One side of a comparison. */
    sealed interface Operand {
        /**
         * The value to compare: String, BigInteger, Double, Boolean, CimDateTime, ObjectPath, CimInstance, or null.
         *
         * @param instance the instance a property is read from
         * @return the value
         */
        Object evaluate(CimInstance instance);

        /**
         * The operand as WQL text.
         *
         * @return the text
         */
        String toWql();
    }

    /**
     * A property, possibly dotted into embedded objects ({@code TargetInstance.EnabledState}).
     * System properties __CLASS, __PATH, __RELPATH, __SERVER and __NAMESPACE are understood, and
     * __THIS is the instance itself ({@code WHERE __THIS ISA 'Msvm_ComputerSystem'}).
     *
     * @param names the steps of the dotted name
     */
    record Property(List<String> names) implements Operand {
        /**
         * Copies the steps.
         *
         * @param names the steps, at least one
         * @throws IllegalArgumentException if there is none
         */
        public Property {
            names = List.copyOf(names);
            if (names.isEmpty()) throw new IllegalArgumentException("a property needs a name");
        }

        /**
         * A property from its dotted name.
         *
         * @param dotted e.g. {@code TargetInstance.EnabledState}
         * @return the property
         */
        public static Property of(String dotted) {
            return new Property(List.of(dotted.split("\\.")));
        }

        /**
         * The value at this property path, or null when some step is absent or not an object.
         *
         * @param instance the instance to start from
         * @return the value, or null
         */
        public CimValue resolve(CimInstance instance) {
            CimInstance current = instance;
            CimValue v = null;
            for (int k = 0; k < names.size(); k++) {
                if (current == null) return null;
                v = WqlValues.property(current, names.get(k));
                if (k < names.size() - 1) {
                    if (v == null || v.isNull() || v.array() || v.type() != CimType.OBJECT) return null;
                    current = v.asInstance();
                }
            }
            return v;
        }

        public Object evaluate(CimInstance instance) {
            return WqlValues.normalize(resolve(instance));
        }

        public String toWql() {
            return String.join(".", names);
        }
    }

    /**
     * A constant: String, BigInteger, Double, Boolean, or null for NULL.
     *
     * @param value the constant
     */
    record Literal(Object value) implements Operand {
        /**
         * Checks the constant's type.
         *
         * @param value the constant
         * @throws IllegalArgumentException for any other type
         */
        public Literal {
            if (value != null && !(value instanceof String || value instanceof java.math.BigInteger
                    || value instanceof Double || value instanceof Boolean))
                throw new IllegalArgumentException("a WQL literal cannot be a " + value.getClass().getSimpleName());
        }

        public Object evaluate(CimInstance instance) {
            return value;
        }

        public String toWql() {
            if (value == null) return "NULL";
            if (value instanceof String s) return Wql.quote(s);
            if (value instanceof Boolean b) return b ? "TRUE" : "FALSE";
            return value.toString();
        }
    }
}
