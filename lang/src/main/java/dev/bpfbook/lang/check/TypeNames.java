package dev.bpfbook.lang.check;

import dev.bpfbook.lang.types.Type;

import java.util.stream.Collectors;

/**
 * Type names as bpftrace 0.17 writes them in its error messages. {@link Type#displayName()} stays the
 * short C-like name ("uint64") other code shows; diagnostics that must read as bpftrace's use these.
 */
public final class TypeNames {
    private TypeNames() {}

    /** The full sized type: "int64", "unsigned int32", "string[16]", "(int64,string[2])", "struct foo *". */
    public static String full(Type t) {
        if (t instanceof Type.IntType i) return (i.signed() ? "" : "unsigned ") + "int" + i.bytes() * 8;
        if (t instanceof Type.PointerType p) return full(p.pointee()) + " *";
        if (t instanceof Type.ArrayType a) return full(a.element()) + "[" + a.length() + "]";
        if (t instanceof Type.TupleType tt) {
            return tt.elements().stream().map(TypeNames::full).collect(Collectors.joining(",", "(", ")"));
        }
        return t.displayName();
    }

    /**
     * The type's kind, without size: "integer", "string", "tuple", "kstack"... bpftrace 0.17 counts pointers as
     * integers in these messages ("(integer supplied)" for a struct pointer), so we do too.
     */
    public static String kind(Type t) {
        if (t instanceof Type.IntType || t instanceof Type.PointerType) return "integer";
        if (t instanceof Type.StringType) return "string";
        if (t instanceof Type.TupleType) return "tuple";
        if (t instanceof Type.BufferType) return "buffer";
        if (t instanceof Type.ArrayType) return "array";
        if (t instanceof Type.RecordType) return "record";
        if (t instanceof Type.MacAddrType) return "mac_address";
        return t.displayName();
    }
}
