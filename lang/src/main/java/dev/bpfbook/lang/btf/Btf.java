package dev.bpfbook.lang.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A read-only view of raw BTF (the format of /sys/kernel/btf/vmlinux): a header, a type section of
 * variable-length btf_type records (type id 0 is void, the first record is id 1) and a string section.
 * Parsing only records where each type starts; names are indexed on first lookup, one index per kind
 * of name (records, plain type names, enums and their constants, functions), so a compilation that
 * only asks for {@code struct sock} never decodes the names of 150k types.
 */
public final class Btf {
    public static final int MAGIC = 0xeB9F;
    private static final int TYPE_HEADER = 12;

    /** Bits of an INT type's encoding. */
    public static final int INT_SIGNED = 1, INT_CHAR = 2, INT_BOOL = 4;

    private final ByteBuffer buf;
    private final int typeStart;
    private final int strStart;
    private final int strLen;
    /** Per type id: byte offset of its btf_type in {@link #buf}. Index 0 (void) is unused. */
    private final int[] offsets;
    private final byte[] kinds;

    private Map<String, Integer> records;
    private Map<String, Integer> plainNames;
    private Map<String, Integer> enums;
    private Map<String, Long> enumerators;
    private Map<String, Integer> functions;

    private Btf(ByteBuffer buf, int typeStart, int typeLen, int strStart, int strLen) {
        this.buf = buf;
        this.typeStart = typeStart;
        this.strStart = strStart;
        this.strLen = strLen;
        int[] offs = new int[1024];
        byte[] ks = new byte[1024];
        int n = 1;
        int p = typeStart;
        int end = typeStart + typeLen;
        while (p < end) {
            if (p + TYPE_HEADER > end) throw new BtfFormatException("truncated type at byte " + (p - typeStart));
            if (n == offs.length) {
                offs = java.util.Arrays.copyOf(offs, n * 2);
                ks = java.util.Arrays.copyOf(ks, n * 2);
            }
            int info = buf.getInt(p + 4);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            offs[n] = p;
            ks[n] = (byte) kind;
            n++;
            p += TYPE_HEADER + extraBytes(BtfKind.of(kind), vlen);
        }
        if (p != end) throw new BtfFormatException("type section overruns its length");
        this.offsets = java.util.Arrays.copyOf(offs, n);
        this.kinds = java.util.Arrays.copyOf(ks, n);
    }

    /** Parses raw BTF bytes (little- or big-endian, decided by the magic). The array is not copied. */
    public static Btf parse(byte[] bytes) {
        if (bytes.length < 24) throw new BtfFormatException("too short for a BTF header");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((b.getShort(0) & 0xffff) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if ((b.getShort(0) & 0xffff) != MAGIC) throw new BtfFormatException("bad BTF magic");
        }
        int version = b.get(2) & 0xff;
        if (version != 1) throw new BtfFormatException("unsupported BTF version " + version);
        int hdrLen = b.getInt(4);
        int typeOff = b.getInt(8), typeLen = b.getInt(12), strOff = b.getInt(16), strLen = b.getInt(20);
        long typeEnd = (long) hdrLen + typeOff + typeLen, strEnd = (long) hdrLen + strOff + strLen;
        if (typeEnd > bytes.length || strEnd > bytes.length || typeOff < 0 || strOff < 0) {
            throw new BtfFormatException("BTF sections run past the end of the data");
        }
        return new Btf(b, hdrLen + typeOff, typeLen, hdrLen + strOff, strLen);
    }

    private static int extraBytes(BtfKind kind, int vlen) {
        return switch (kind) {
            case INT, VAR, DECL_TAG -> 4;
            case ARRAY -> 12;
            case STRUCT, UNION, DATASEC, ENUM64 -> 12 * vlen;
            case ENUM, FUNC_PROTO -> 8 * vlen;
            default -> 0;
        };
    }

    // ---- per-type accessors ----

    /** Number of type ids including void (id 0). */
    public int typeCount() {
        return offsets.length;
    }

    public BtfKind kind(int id) {
        return id == 0 ? BtfKind.UNKNOWN : BtfKind.of(kinds[checkId(id)]);
    }

    /** The type's name, "" when anonymous (and for void). */
    public String name(int id) {
        return id == 0 ? "" : string(buf.getInt(offsets[checkId(id)]));
    }

    public int vlen(int id) {
        return buf.getInt(offsets[checkId(id)] + 4) & 0xffff;
    }

    public boolean kindFlag(int id) {
        return buf.getInt(offsets[checkId(id)] + 4) < 0;
    }

    /** btf_type.size: bytes of INT, ENUM, STRUCT, UNION, FLOAT, DATASEC. */
    public int size(int id) {
        return buf.getInt(offsets[checkId(id)] + 8);
    }

    /** btf_type.type: the referenced type of PTR, TYPEDEF, modifiers, FUNC, VAR, DECL_TAG; return type of FUNC_PROTO. */
    public int referenced(int id) {
        return buf.getInt(offsets[checkId(id)] + 8);
    }

    /** The INT encoding bits ({@link #INT_SIGNED}, {@link #INT_CHAR}, {@link #INT_BOOL}). */
    public int intEncoding(int id) {
        return (buf.getInt(offsets[checkId(id)] + TYPE_HEADER) >>> 24) & 0x0f;
    }

    /** The INT's bit offset and width inside its storage (non-zero offset only in old-style bitfields). */
    public int intBitOffset(int id) {
        return (buf.getInt(offsets[checkId(id)] + TYPE_HEADER) >>> 16) & 0xff;
    }

    public int intBits(int id) {
        return buf.getInt(offsets[checkId(id)] + TYPE_HEADER) & 0xff;
    }

    public record ArrayInfo(int elementType, int indexType, int length) {}

    public ArrayInfo array(int id) {
        int p = offsets[checkId(id)] + TYPE_HEADER;
        return new ArrayInfo(buf.getInt(p), buf.getInt(p + 4), buf.getInt(p + 8));
    }

    /** A struct/union member: {@code bitOffset} from the start of the record; {@code bitfieldSize} 0 unless a bitfield. */
    public record Member(String name, int type, int bitOffset, int bitfieldSize) {}

    public List<Member> members(int id) {
        BtfKind k = kind(id);
        if (k != BtfKind.STRUCT && k != BtfKind.UNION) throw new IllegalArgumentException("type " + id + " is " + k);
        boolean flag = kindFlag(id);
        int n = vlen(id);
        int p = offsets[id] + TYPE_HEADER;
        List<Member> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++, p += 12) {
            int off = buf.getInt(p + 8);
            out.add(flag ? new Member(string(buf.getInt(p)), buf.getInt(p + 4), off & 0xffffff, off >>> 24)
                    : new Member(string(buf.getInt(p)), buf.getInt(p + 4), off, 0));
        }
        return out;
    }

    public record Enumerator(String name, long value) {}

    /** Constants of an ENUM (values sign-extended when the kind flag marks it signed) or ENUM64. */
    public List<Enumerator> enumerators(int id) {
        BtfKind k = kind(id);
        int n = vlen(id);
        int p = offsets[id] + TYPE_HEADER;
        List<Enumerator> out = new ArrayList<>(n);
        boolean signed = kindFlag(id);
        if (k == BtfKind.ENUM) {
            for (int i = 0; i < n; i++, p += 8) {
                int v = buf.getInt(p + 4);
                out.add(new Enumerator(string(buf.getInt(p)), signed ? v : v & 0xffffffffL));
            }
        } else if (k == BtfKind.ENUM64) {
            for (int i = 0; i < n; i++, p += 12) {
                long v = (buf.getInt(p + 4) & 0xffffffffL) | ((long) buf.getInt(p + 8) << 32);
                out.add(new Enumerator(string(buf.getInt(p)), v));
            }
        } else {
            throw new IllegalArgumentException("type " + id + " is " + k);
        }
        return out;
    }

    /** A FUNC_PROTO parameter; {@code type} 0 on the last one marks varargs. */
    public record Param(String name, int type) {}

    public List<Param> params(int protoId) {
        if (kind(protoId) != BtfKind.FUNC_PROTO) throw new IllegalArgumentException("type " + protoId + " is " + kind(protoId));
        int n = vlen(protoId);
        int p = offsets[protoId] + TYPE_HEADER;
        List<Param> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++, p += 8) out.add(new Param(string(buf.getInt(p)), buf.getInt(p + 4)));
        return out;
    }

    /** Follows typedefs and qualifiers to the underlying type id. */
    public int resolve(int id) {
        int guard = 0;
        while (id != 0 && kind(id).isModifier()) {
            id = referenced(id);
            if (++guard > 64) throw new BtfFormatException("typedef cycle at type " + id);
        }
        return id;
    }

    // ---- name lookups ----

    /** A struct or union by its C name ("struct sock", "union bpf_attr"); complete definitions win over FWD. */
    public OptionalInt record(String cName) {
        return optional(records().get(cName));
    }

    /** A typedef, integer or float type by name ("u32", "unsigned int", "pid_t"). */
    public OptionalInt namedType(String name) {
        return optional(plainNames().get(name));
    }

    /** An enum type by its C name ("enum skb_drop_reason"). */
    public OptionalInt enumType(String cName) {
        return optional(enums().get(cName));
    }

    /** The value of an enum constant, e.g. SKB_DROP_REASON_NOT_SPECIFIED. */
    public Optional<Long> enumerator(String name) {
        return Optional.ofNullable(enumerators().get(name));
    }

    /** The FUNC type of a kernel function. */
    public OptionalInt function(String name) {
        return optional(functions().get(name));
    }

    /** Every FUNC name, sorted. */
    public List<String> functionNames() {
        List<String> names = new ArrayList<>(functions().keySet());
        Collections.sort(names);
        return names;
    }

    private static OptionalInt optional(Integer i) {
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    private synchronized Map<String, Integer> records() {
        if (records == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int id = 1; id < kinds.length; id++) {
                int k = kinds[id];
                boolean fwd = k == BtfKind.FWD.ordinal();
                if (k != BtfKind.STRUCT.ordinal() && k != BtfKind.UNION.ordinal() && !fwd) continue;
                String name = name(id);
                if (name.isEmpty()) continue;
                boolean union = fwd ? kindFlag(id) : k == BtfKind.UNION.ordinal();
                String key = (union ? "union " : "struct ") + name;
                Integer old = m.get(key);
                if (old == null || (kind(old) == BtfKind.FWD && !fwd)) m.put(key, id);
            }
            records = m;
        }
        return records;
    }

    private synchronized Map<String, Integer> plainNames() {
        if (plainNames == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int id = 1; id < kinds.length; id++) {
                int k = kinds[id];
                if (k != BtfKind.TYPEDEF.ordinal() && k != BtfKind.INT.ordinal() && k != BtfKind.FLOAT.ordinal()) continue;
                m.putIfAbsent(name(id), id);
            }
            plainNames = m;
        }
        return plainNames;
    }

    private synchronized Map<String, Integer> enums() {
        if (enums == null) {
            Map<String, Integer> m = new HashMap<>();
            Map<String, Long> values = new HashMap<>();
            for (int id = 1; id < kinds.length; id++) {
                int k = kinds[id];
                if (k != BtfKind.ENUM.ordinal() && k != BtfKind.ENUM64.ordinal()) continue;
                String name = name(id);
                if (!name.isEmpty()) m.putIfAbsent("enum " + name, id);
                for (Enumerator e : enumerators(id)) values.putIfAbsent(e.name(), e.value());
            }
            enums = m;
            enumerators = values;
        }
        return enums;
    }

    private synchronized Map<String, Long> enumerators() {
        enums();
        return enumerators;
    }

    private synchronized Map<String, Integer> functions() {
        if (functions == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int id = 1; id < kinds.length; id++) {
                if (kinds[id] == BtfKind.FUNC.ordinal()) m.putIfAbsent(name(id), id);
            }
            functions = m;
        }
        return functions;
    }

    // ---- strings ----

    /** The NUL-terminated string at {@code off} in the string section. */
    public String string(int off) {
        if (off < 0 || off >= strLen) throw new BtfFormatException("string offset " + off + " out of range");
        int start = strStart + off;
        int end = start;
        int limit = strStart + strLen;
        while (end < limit && buf.get(end) != 0) end++;
        if (end == start) return "";
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private int checkId(int id) {
        if (id <= 0 || id >= offsets.length) throw new IllegalArgumentException("no BTF type " + id);
        return id;
    }
}
