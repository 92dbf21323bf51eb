package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.CDefinition;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.TypeName;
import dev.bpfbook.lang.btf.BtfTypes;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.lang.types.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The C types one compilation can name: bpftrace's integer names, the script's own struct/union/enum
 * definitions, then the kernel's BTF. Records behind pointers are references (name and size only);
 * {@link #complete} and {@link #member} look their fields up here.
 */
public final class CTypes {
    private final Map<String, Type.RecordType> records = new HashMap<>();
    private final Map<String, Type> enums = new HashMap<>();
    private final Map<String, Long> constants = new HashMap<>();
    private final ProbeCatalogue catalogue;
    private BtfTypes kernel;
    private boolean kernelRead;

    private CTypes(ProbeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The types of a script; problems in its definitions are added to {@code errors}. */
    public static CTypes of(List<CDefinition> definitions, ProbeCatalogue catalogue, List<Diagnostic> errors) {
        CTypes t = new CTypes(catalogue);
        for (CDefinition d : definitions) {
            try {
                CDeclarations.Result r = CDeclarations.parse(d.text(), t::named);
                t.records.putAll(r.records());
                t.enums.putAll(r.enums());
                t.constants.putAll(r.constants());
            } catch (CDeclarations.Problem p) {
                errors.add(Diagnostic.error(spanAt(d, p.at), p.getMessage()));
            }
        }
        return t;
    }

    /** The span of the character {@code at} of a definition's text (to the end of its line). */
    private static Span spanAt(CDefinition d, int at) {
        String text = d.text();
        int line = d.span().line();
        int col = d.span().col();
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        int end = text.indexOf('\n', at);
        int len = (end < 0 ? text.length() : end) - at;
        return new Span(line, col, line, col + Math.max(1, len));
    }

    /**
     * The kernel's types, parsed on first use: vmlinux BTF is ~6 MB and most scripts (tracepoints, builtins)
     * never name a kernel type, so a cold start should not pay ~100 ms for it.
     */
    private BtfTypes btf() {
        if (!kernelRead) {
            kernelRead = true;
            try {
                kernel = BtfTypes.of(catalogue).orElse(null);
            } catch (RuntimeException e) { // unreadable BTF: compile as if the kernel had none
                kernel = null;
            }
        }
        return kernel;
    }

    /** Whether kernel types (BTF) are available. */
    public boolean hasKernelTypes() {
        return btf() != null;
    }

    public Optional<BtfTypes> kernel() {
        return Optional.ofNullable(btf());
    }

    /** bpftrace's own integer type names and the C ones a cast can use. */
    public static Optional<Type> builtinType(String name) {
        Type t = switch (name) {
            case "int8", "s8", "__s8", "char" -> Type.S8;
            case "int16", "s16", "__s16", "short" -> Type.S16;
            case "int32", "s32", "__s32", "int", "signed" -> Type.S32;
            case "int64", "s64", "__s64", "long" -> Type.S64;
            case "uint8", "u8", "__u8", "bool", "_Bool" -> Type.U8;
            case "uint16", "u16", "__u16", "__be16", "__le16" -> Type.U16;
            case "uint32", "u32", "__u32", "unsigned", "__be32", "__le32" -> Type.U32;
            case "uint64", "u64", "__u64", "__be64", "__le64" -> Type.U64;
            default -> null;
        };
        return Optional.ofNullable(t);
    }

    /** A type by name: "uint32", "struct sock", "union x", "enum e", or a kernel typedef such as "pid_t". */
    public Optional<Type> named(String name) {
        Optional<Type> b = builtinType(name);
        if (b.isPresent()) return b;
        Type.RecordType own = records.get(name);
        if (own != null) return Optional.of(own);
        Type e = enums.get(name);
        if (e != null) return Optional.of(e);
        if (btf() == null) return Optional.empty();
        return btf().named(name);
    }

    /** The type a cast, sizeof or offsetof names, with its pointers and array length applied. */
    public Optional<Type> resolve(TypeName tn) {
        Optional<Type> base = named(tn.name());
        if (base.isEmpty()) return Optional.empty();
        Type t = base.get();
        for (int i = 0; i < tn.pointerDepth(); i++) t = new Type.PointerType(reference(t));
        if (tn.arrayLength() > 0) t = new Type.ArrayType(t, tn.arrayLength());
        return Optional.of(t);
    }

    /** A pointer's target: records by reference (name and size), like the kernel types. */
    static Type reference(Type t) {
        return t instanceof Type.RecordType r && !r.fields().isEmpty() ? new Type.RecordType(r.name(), r.size(), List.of()) : t;
    }

    /** The record with its fields (user definitions first, then BTF); empty when only declared. */
    public Optional<Type.RecordType> complete(Type.RecordType r) {
        if (!r.fields().isEmpty()) return Optional.of(r);
        Type.RecordType own = records.get(r.name());
        if (own != null) return Optional.of(own);
        if (btf() == null) return Optional.empty();
        return btf().record(r.name());
    }

    /** A member found by name, with its offset from the start of the outer record (through anonymous members). */
    public record Member(String name, Type type, int offset, int bitOffset, int bitSize) {
        public boolean isBitfield() {
            return bitSize != 0;
        }
    }

    /** Looks {@code field} up in {@code record} and, as C does, inside its anonymous struct/union members. */
    public Optional<Member> member(Type.RecordType record, String field) {
        Optional<Type.RecordType> full = complete(record);
        if (full.isEmpty()) return Optional.empty();
        for (Type.RecordType.Field f : full.get().fields()) {
            if (f.name().equals(field)) return Optional.of(new Member(f.name(), f.type(), f.offset(), f.bitOffset(), f.bitSize()));
        }
        for (Type.RecordType.Field f : full.get().fields()) {
            if (f.name().isEmpty() && f.type() instanceof Type.RecordType inner) {
                Optional<Member> m = member(inner, field);
                if (m.isPresent()) {
                    Member x = m.get();
                    return Optional.of(new Member(x.name(), x.type(), f.offset() + x.offset(), x.bitOffset(), x.bitSize()));
                }
            }
        }
        return Optional.empty();
    }

    /** An enum constant: the script's own first, then the kernel's. */
    public Optional<Long> constant(String name) {
        Long own = constants.get(name);
        if (own != null) return Optional.of(own);
        return btf() == null ? Optional.empty() : btf().enumerator(name);
    }

    /** A kernel function's prototype (for kfunc args and retval). */
    public Optional<BtfTypes.Function> function(String name) {
        return btf() == null ? Optional.empty() : btf().function(name);
    }

    /** bpftrace's name of a record type in messages: "struct sock". */
    public static String display(Type t) {
        return t.displayName();
    }
}
