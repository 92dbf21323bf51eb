package dev.bpfbook.lang.btf;

/** BTF_KIND_* values (bits 24-28 of btf_type.info). */
public enum BtfKind {
    UNKNOWN, INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FUNC_PROTO,
    VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64;

    private static final BtfKind[] BY_ID = values();

    static BtfKind of(int id) {
        if (id < 0 || id >= BY_ID.length) throw new BtfFormatException("unknown BTF kind " + id);
        return BY_ID[id];
    }

    /** Kinds that only qualify or rename another type (followed when resolving). */
    public boolean isModifier() {
        return this == TYPEDEF || this == VOLATILE || this == CONST || this == RESTRICT || this == TYPE_TAG;
    }
}
