package dev.bpfbook.lang.btf;

import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.WeakHashMap;

/**
 * Kernel types as bpftrace sees them, converted from BTF. Typedefs and qualifiers are resolved; char
 * arrays become strings; enums become integers. A record's by-value members are converted with it,
 * but a pointer's target is a <em>reference</em>: a {@link Type.RecordType} with the record's name and
 * size and no fields (recursive kernel structs would otherwise never end). {@link #record(String)}
 * completes a reference by name. Anonymous records reached through a pointer are named
 * {@code "struct <anon#ID>"} so they can be completed the same way.
 */
public final class BtfTypes {
    private static final Map<ProbeCatalogue, Optional<BtfTypes>> BY_CATALOGUE = new WeakHashMap<>();

    private final Btf btf;
    private final Map<Integer, Type> converted = new HashMap<>();

    public BtfTypes(Btf btf) {
        this.btf = btf;
    }

    /** The kernel types of a catalogue, parsed once per catalogue instance; empty without BTF. */
    public static Optional<BtfTypes> of(ProbeCatalogue catalogue) {
        synchronized (BY_CATALOGUE) {
            Optional<BtfTypes> t = BY_CATALOGUE.get(catalogue);
            if (t == null) {
                t = catalogue.vmlinuxBtf().map(bytes -> new BtfTypes(Btf.parse(bytes)));
                BY_CATALOGUE.put(catalogue, t);
            }
            return t;
        }
    }

    public Btf btf() {
        return btf;
    }

    /** A parameter of a kernel function; {@code name} may be "" in prototypes without names. */
    public record Param(String name, Type type) {}

    /** A kernel function's prototype (FUNC → FUNC_PROTO). {@code returnType} is VoidType for void. */
    public record Function(String name, List<Param> params, Type returnType) {
        public Function {
            params = List.copyOf(params);
        }

        public OptionalInt indexOf(String param) {
            for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(param)) return OptionalInt.of(i);
            return OptionalInt.empty();
        }
    }

    public Optional<Function> function(String name) {
        OptionalInt f = btf.function(name);
        if (f.isEmpty()) return Optional.empty();
        int proto = btf.referenced(f.getAsInt());
        if (btf.kind(proto) != BtfKind.FUNC_PROTO) return Optional.empty();
        List<Param> params = new ArrayList<>();
        for (Btf.Param p : btf.params(proto)) {
            if (p.type() == 0) break; // varargs
            params.add(new Param(p.name(), type(p.type())));
        }
        return Optional.of(new Function(name, params, type(btf.referenced(proto))));
    }

    private List<String> functionNames;

    /** Every kernel function with a BTF prototype, sorted. */
    public synchronized List<String> functionNames() {
        if (functionNames == null) functionNames = List.copyOf(btf.functionNames());
        return functionNames;
    }

    public Optional<Long> enumerator(String name) {
        return btf.enumerator(name);
    }

    /** A complete struct/union by C name, or an {@code "struct <anon#ID>"} reference name. */
    public Optional<Type.RecordType> record(String cName) {
        int anon = cName.indexOf("<anon#");
        if (anon >= 0 && cName.endsWith(">")) {
            try {
                int id = Integer.parseInt(cName.substring(anon + 6, cName.length() - 1));
                return Optional.of((Type.RecordType) type(id));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        OptionalInt id = btf.record(cName);
        if (id.isEmpty() || btf.kind(id.getAsInt()) == BtfKind.FWD) return Optional.empty();
        return Optional.of((Type.RecordType) type(id.getAsInt()));
    }

    /** A type by the name a cast would use: "struct sock", "union x", "enum e", "u32", "pid_t". */
    public Optional<Type> named(String name) {
        if (name.startsWith("struct ") || name.startsWith("union ")) return record(name).map(r -> r);
        if (name.startsWith("enum ")) {
            OptionalInt id = btf.enumType(name);
            return id.isEmpty() ? Optional.empty() : Optional.of(type(id.getAsInt()));
        }
        OptionalInt id = btf.namedType(name);
        return id.isEmpty() ? Optional.empty() : Optional.of(type(id.getAsInt()));
    }

    /** The lang type of BTF type {@code id}. */
    public synchronized Type type(int id) {
        Type t = converted.get(id);
        if (t == null) {
            t = convert(id);
            converted.put(id, t);
        }
        return t;
    }

    private Type convert(int id) {
        if (id == 0) return new Type.VoidType();
        int r = btf.resolve(id);
        if (r != id) return type(r);
        return switch (btf.kind(id)) {
            case INT -> intType(id);
            case ENUM, ENUM64 -> new Type.IntType(Math.min(8, btf.size(id)), btf.kindFlag(id));
            case PTR -> new Type.PointerType(pointee(btf.referenced(id)));
            case ARRAY -> {
                Btf.ArrayInfo a = btf.array(id);
                int elem = btf.resolve(a.elementType());
                if (isChar(elem)) yield new Type.StringType(a.length());
                yield new Type.ArrayType(type(elem), a.length());
            }
            case STRUCT, UNION -> recordType(id);
            case FWD -> new Type.RecordType((btf.kindFlag(id) ? "union " : "struct ") + btf.name(id), 0, List.of());
            case FLOAT -> new Type.ArrayType(Type.U8, btf.size(id));
            default -> new Type.VoidType(); // FUNC_PROTO, FUNC, VAR, DATASEC, tags: not values
        };
    }

    private Type intType(int id) {
        int size = btf.size(id);
        if (size > 8) return new Type.ArrayType(Type.U8, size); // __int128
        return new Type.IntType(size, (btf.intEncoding(id) & Btf.INT_SIGNED) != 0);
    }

    /** "char" and "signed char" arrays are strings in bpftrace; unsigned char (u8) arrays stay arrays. */
    private boolean isChar(int resolvedId) {
        if (resolvedId == 0 || btf.kind(resolvedId) != BtfKind.INT || btf.size(resolvedId) != 1) return false;
        String n = btf.name(resolvedId);
        return n.equals("char") || n.equals("signed char") || (btf.intEncoding(resolvedId) & Btf.INT_CHAR) != 0;
    }

    /** What a pointer points to: records become name-only references, void and functions become VoidType. */
    private Type pointee(int target) {
        int r = btf.resolve(target);
        if (r == 0) return new Type.VoidType();
        BtfKind k = btf.kind(r);
        if (k == BtfKind.STRUCT || k == BtfKind.UNION || k == BtfKind.FWD) {
            String name = btf.name(r);
            String keyword = (k == BtfKind.UNION || (k == BtfKind.FWD && btf.kindFlag(r))) ? "union " : "struct ";
            return new Type.RecordType(keyword + (name.isEmpty() ? "<anon#" + r + ">" : name),
                    k == BtfKind.FWD ? 0 : btf.size(r), List.of());
        }
        if (k == BtfKind.FUNC_PROTO) return new Type.VoidType();
        if (k == BtfKind.PTR) return new Type.PointerType(pointee(btf.referenced(r)));
        return type(r);
    }

    private Type.RecordType recordType(int id) {
        String keyword = btf.kind(id) == BtfKind.UNION ? "union " : "struct ";
        String name = btf.name(id);
        List<Type.RecordType.Field> fields = new ArrayList<>();
        for (Btf.Member m : btf.members(id)) {
            Type t = type(m.type());
            int bits = m.bitfieldSize();
            int bitPos = m.bitOffset();
            int mt = btf.resolve(m.type());
            if (bits == 0 && mt != 0 && btf.kind(mt) == BtfKind.INT
                    && (btf.intBits(mt) != btf.size(mt) * 8 || btf.intBitOffset(mt) != 0)) {
                bits = btf.intBits(mt); // old-style bitfield: width and offset live in the INT
                bitPos += btf.intBitOffset(mt);
            }
            if (bits != 0) {
                fields.add(new Type.RecordType.Field(m.name(), t, bitPos / 8, bitPos % 8, bits));
            } else {
                fields.add(new Type.RecordType.Field(m.name(), t, bitPos / 8, 0, 0));
            }
        }
        return new Type.RecordType(keyword + (name.isEmpty() ? "<anon#" + id + ">" : name), btf.size(id),
                Collections.unmodifiableList(fields));
    }
}
