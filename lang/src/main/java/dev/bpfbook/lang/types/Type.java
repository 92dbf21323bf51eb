package dev.bpfbook.lang.types;

import java.util.ArrayList;
import java.util.List;

/**
 * bpftrace's value types. {@link #size()} is the number of bytes a value occupies in a map key,
 * map value or output record; the runtime decodes those bytes with the same type.
 */
public sealed interface Type {
    int size();

    /** Alignment inside tuples and records. */
    default int alignment() {
        return Math.min(8, Math.max(1, size()));
    }

    /** Name as bpftrace prints it in type errors, e.g. "uint64", "string[16]". */
    String displayName();

    IntType U8 = new IntType(1, false), U16 = new IntType(2, false), U32 = new IntType(4, false),
            U64 = new IntType(8, false), S8 = new IntType(1, true), S16 = new IntType(2, true),
            S32 = new IntType(4, true), S64 = new IntType(8, true);

    record IntType(int bytes, boolean signed) implements Type {
        public int size() { return bytes; }
        public String displayName() { return (signed ? "int" : "uint") + bytes * 8; }
    }

    /** A NUL-terminated string in a fixed buffer of {@code capacity} bytes (bpftrace's default 64). */
    record StringType(int capacity) implements Type {
        public int size() { return capacity; }
        public int alignment() { return 1; }
        public String displayName() { return "string[" + capacity + "]"; }
    }

    /** buf(): a length byte followed by {@code capacity} data bytes. */
    record BufferType(int capacity) implements Type {
        public int size() { return 1 + capacity; }
        public int alignment() { return 1; }
        public String displayName() { return "buffer[" + capacity + "]"; }
    }

    /** A tuple; elements are laid out at {@link #offsets()} with natural alignment, size padded to 8. */
    record TupleType(List<Type> elements) implements Type {
        public TupleType {
            elements = List.copyOf(elements);
        }

        public List<Integer> offsets() {
            List<Integer> out = new ArrayList<>();
            int off = 0;
            for (Type t : elements) {
                int a = t.alignment();
                off = (off + a - 1) / a * a;
                out.add(off);
                off += t.size();
            }
            return out;
        }

        public int size() {
            int off = 0;
            int maxAlign = 1;
            for (Type t : elements) {
                int a = t.alignment();
                maxAlign = Math.max(maxAlign, a);
                off = (off + a - 1) / a * a + t.size();
            }
            return (off + maxAlign - 1) / maxAlign * maxAlign;
        }

        public int alignment() {
            return elements.stream().mapToInt(Type::alignment).max().orElse(1);
        }

        public String displayName() {
            return "(" + String.join(", ", elements.stream().map(Type::displayName).toList()) + ")";
        }
    }

    record PointerType(Type pointee) implements Type {
        public int size() { return 8; }
        public String displayName() { return pointee.displayName() + " *"; }
    }

    /** A C struct or union (from BTF or a user definition). */
    record RecordType(String name, int size, List<Field> fields) implements Type {
        public RecordType {
            fields = List.copyOf(fields);
        }

        public record Field(String name, Type type, int offset, int bitOffset, int bitSize) {}

        public int alignment() { return Math.min(8, Math.max(1, Integer.lowestOneBit(Math.max(1, size)))); }
        public String displayName() { return name; }
    }

    /** A C array. */
    record ArrayType(Type element, int length) implements Type {
        public int size() { return element.size() * length; }
        public int alignment() { return element.alignment(); }
        public String displayName() { return element.displayName() + "[" + length + "]"; }
    }

    /** kstack/ustack: stored as a u64 stack id from a BPF_MAP_TYPE_STACK_TRACE map (plus pid for ustack). */
    record StackType(boolean user, int depth, StackMode mode) implements Type {
        public enum StackMode { BPFTRACE, PERF, RAW }
        public int size() { return user ? 16 : 8; }
        public String displayName() { return user ? "ustack" : "kstack"; }
    }

    /** A u64 address printed as a symbol: ksym(), usym(), func in kprobes/uprobes. */
    record SymbolType(boolean user) implements Type {
        public int size() { return user ? 16 : 8; }
        public String displayName() { return user ? "usym" : "ksym"; }
    }

    /** ntop(): u64 address family followed by 16 address bytes. */
    record InetType() implements Type {
        public int size() { return 24; }
        public String displayName() { return "inet"; }
    }

    /** A 6-byte MAC address from macaddr(). */
    record MacAddrType() implements Type {
        public int size() { return 6; }
        public int alignment() { return 1; }
        public String displayName() { return "macaddr"; }
    }

    /** strftime(): u64 nanoseconds since boot with a format, printed as local time. */
    record TimestampType(String format) implements Type {
        public int size() { return 8; }
        public String displayName() { return "timestamp"; }
    }

    /** strerror(): a u64 errno printed as its message ("No such file or directory"). */
    record ErrnoType() implements Type {
        public int size() { return 8; }
        public String displayName() { return "strerror"; }
    }

    /** username: a u64 uid printed as the user's name (looked up in user space). */
    record UsernameType() implements Type {
        public int size() { return 8; }
        public String displayName() { return "username"; }
    }

    /**
     * cgroup_path(id [, filter]): a u64 cgroup id printed as the cgroup's paths ("unified:/system.slice"),
     * looked up in user space; {@code filter} is a glob on hierarchy names ("" for all).
     */
    record CgroupPathType(String filter) implements Type {
        public int size() { return 8; }
        public String displayName() { return "cgroup_path"; }
    }

        /** The result of a statement-like call (exit(), printf()…). */
    record VoidType() implements Type {
        public int size() { return 0; }
        public String displayName() { return "none"; }
    }
}
