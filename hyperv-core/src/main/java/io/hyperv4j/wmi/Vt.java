package io.hyperv4j.wmi;

/** VARENUM values (wtypes.h) this transport meets in WMI VARIANTs. */
final class Vt {
    public static final int EMPTY = 0;
    public static final int NULL = 1;
    public static final int I2 = 2;
    public static final int I4 = 3;
    public static final int R4 = 4;
    public static final int R8 = 5;
    public static final int BSTR = 8;
    public static final int DISPATCH = 9;
    public static final int BOOL = 11;
    public static final int VARIANT = 12;
    public static final int UNKNOWN = 13;
    public static final int I1 = 16;
    public static final int UI1 = 17;
    public static final int UI2 = 18;
    public static final int UI4 = 19;
    public static final int I8 = 20;
    public static final int UI8 = 21;
    public static final int ARRAY = 0x2000;

    private Vt() {}

    public static boolean isInteger(int vt) {
        return vt == I1 || vt == UI1 || vt == I2 || vt == UI2 || vt == I4 || vt == UI4 || vt == I8 || vt == UI8;
    }

    public static String name(int vt) {
        String base = switch (vt & ~ARRAY) {
            case EMPTY -> "VT_EMPTY";
            case NULL -> "VT_NULL";
            case I1 -> "VT_I1";
            case UI1 -> "VT_UI1";
            case I2 -> "VT_I2";
            case UI2 -> "VT_UI2";
            case I4 -> "VT_I4";
            case UI4 -> "VT_UI4";
            case I8 -> "VT_I8";
            case UI8 -> "VT_UI8";
            case R4 -> "VT_R4";
            case R8 -> "VT_R8";
            case BSTR -> "VT_BSTR";
            case BOOL -> "VT_BOOL";
            case UNKNOWN -> "VT_UNKNOWN";
            case DISPATCH -> "VT_DISPATCH";
            case VARIANT -> "VT_VARIANT";
            default -> "VT_" + (vt & ~ARRAY);
        };
        return (vt & ARRAY) != 0 ? "VT_ARRAY|" + base : base;
    }
}
