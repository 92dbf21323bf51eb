package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.types.Type;
import dev.bpfbook.linux.Errno;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Decodes the little-endian bytes the kernel wrote (map keys, map values, output records) into {@link Value}s. */
public final class ValueDecoder {
    static final int AF_INET = 2, AF_INET6 = 10;

    private final Symbols symbols;
    private volatile ZoneId zone; // null until the first timestamp: the system default costs ~40 ms in a cold JVM
    private final CgroupPaths cgroupPaths = new CgroupPaths();

    public ValueDecoder(Symbols symbols, ZoneId zone) {
        this.symbols = symbols;
        this.zone = zone;
    }

    public ValueDecoder(Symbols symbols) {
        this(symbols, null);
    }

    public ValueDecoder() {
        this(Symbols.NONE);
    }

    private ZoneId zone() {
        ZoneId z = zone;
        if (z == null) zone = z = ZoneId.systemDefault();
        return z;
    }

    public Symbols symbols() {
        return symbols;
    }

    public Value decode(Type type, byte[] data) {
        return decode(type, data, 0);
    }

    public Value decode(Type type, byte[] data, int off) {
        return decode(type, data, off, false);
    }

    /**
     * Decodes a map key. bpftrace 0.17 prints a few types differently in keys: stacks are indented by 4
     * instead of 8, and pointers are hex ("0x1000") where values print them as signed decimals.
     */
    public Value decodeKey(Type type, byte[] data, int off) {
        return decode(type, data, off, true);
    }

    private Value decode(Type type, byte[] data, int off, boolean key) {
        if (type instanceof Type.IntType t) {
            return new Value.Int(readInt(data, off, t.bytes(), t.signed()), t.signed());
        } else if (type instanceof Type.StringType t) {
            return new Value.Str(cString(data, off, t.capacity()));
        } else if (type instanceof Type.BufferType t) {
            int len = Math.min(data[off] & 0xff, t.capacity());
            byte[] b = new byte[len];
            System.arraycopy(data, off + 1, b, 0, len);
            return new Value.Buf(b);
        } else if (type instanceof Type.TupleType t) {
            List<Value> out = new ArrayList<>();
            List<Integer> offsets = t.offsets();
            for (int i = 0; i < t.elements().size(); i++) out.add(decode(t.elements().get(i), data, off + offsets.get(i), key));
            return new Value.Tuple(out);
        } else if (type instanceof Type.ArrayType t) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < t.length(); i++) out.add(decode(t.element(), data, off + i * t.element().size(), key));
            return new Value.Array(out);
        } else if (type instanceof Type.RecordType t) {
            List<Value.Struct.Field> out = new ArrayList<>();
            for (Type.RecordType.Field f : t.fields()) out.add(new Value.Struct.Field(f.name(), field(f, data, off)));
            return new Value.Struct(out);
        } else if (type instanceof Type.PointerType) {
            long p = readLong(data, off);
            return key ? new Value.Bare("0x" + Long.toHexString(p)) : new Value.Int(p, true);
        } else if (type instanceof Type.InetType) {
            return new Value.Str(inet(data, off));
        } else if (type instanceof Type.MacAddrType) {
            return new Value.Bare(mac(data, off));
        } else if (type instanceof Type.SymbolType t) {
            return new Value.Str(t.user()
                    ? symbols.user(readLong(data, off), (int) readInt(data, off + 8, 4, false), false)
                    : symbols.kernel(readLong(data, off), false));
        } else if (type instanceof Type.StackType t) {
            return new Value.Str(stack(t, data, off, key ? 4 : 8));
        } else if (type instanceof Type.ErrnoType) {
            return new Value.Str(Errno.describe((int) readLong(data, off)));
        } else if (type instanceof Type.CgroupPathType t) {
            return new Value.Str(cgroupPaths.describe(readLong(data, off), t.filter()));
        } else if (type instanceof Type.UsernameType) {
            return new Value.Str(Users.name(readLong(data, off)));
        } else if (type instanceof Type.TimestampType t) {
            long nanos = symbols.bootEpochNanos() + readLong(data, off);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
            return new Value.Bare(Strftime.format(t.format(), at.atZone(zone())));
        }
        return new Value.Bare("");
    }

    private Value field(Type.RecordType.Field f, byte[] data, int off) {
        if (f.bitSize() > 0 && f.type() instanceof Type.IntType it) {
            long raw = readInt(data, off + f.offset(), it.bytes(), false) >>> f.bitOffset();
            long v = f.bitSize() >= 64 ? raw : raw & ((1L << f.bitSize()) - 1);
            if (it.signed() && f.bitSize() < 64 && (v & (1L << (f.bitSize() - 1))) != 0) v |= -1L << f.bitSize();
            return new Value.Int(v, it.signed());
        }
        return decode(f.type(), data, off + f.offset());
    }

    /**
     * A stack as bpftrace prints it: a leading newline, then one frame per line (indented by 8 in values and
     * printf, 4 in map keys; "\taddr sym" in perf mode; the bare address in raw mode).
     */
    private String stack(Type.StackType t, byte[] data, int off, int indent) {
        long id = readLong(data, off);
        int pid = t.user() ? (int) readInt(data, off + 8, 4, false) : 0;
        long[] frames = symbols.stack(t.user(), id);
        StringBuilder sb = new StringBuilder("\n");
        int n = Math.min(frames.length, t.depth() > 0 ? t.depth() : frames.length);
        for (int i = 0; i < n; i++) {
            long addr = frames[i];
            if (addr == 0) break;
            String sym = t.user() ? symbols.user(addr, pid, true) : symbols.kernel(addr, true);
            switch (t.mode()) {
                case BPFTRACE -> sb.append(" ".repeat(indent)).append(sym).append('\n');
                case PERF -> sb.append('\t').append(Long.toHexString(addr)).append(' ').append(sym).append('\n');
                case RAW -> sb.append(Long.toHexString(addr)).append('\n');
            }
        }
        return sb.toString();
    }

    static String cString(byte[] data, int off, int capacity) {
        int end = off;
        int limit = Math.min(data.length, off + capacity);
        while (end < limit && data[end] != 0) end++;
        return new String(data, off, end - off, StandardCharsets.UTF_8);
    }

    static String mac(byte[] data, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            sb.append(String.format("%02X", data[off + i] & 0xff));
        }
        return sb.toString();
    }

    /** ntop(): u64 address family, then the address bytes in network order. */
    static String inet(byte[] data, int off) {
        long family = readLong(data, off);
        if (family == AF_INET) {
            return (data[off + 8] & 0xff) + "." + (data[off + 9] & 0xff) + "." + (data[off + 10] & 0xff) + "."
                    + (data[off + 11] & 0xff);
        }
        if (family == AF_INET6) {
            byte[] a = new byte[16];
            System.arraycopy(data, off + 8, a, 0, 16);
            return inet6(a);
        }
        return "";
    }

    /**
     * IPv6 text as glibc's inet_ntop writes it: the first longest run of two or more zero words becomes "::",
     * and ::a.b.c.d / ::ffff:a.b.c.d keep the dotted IPv4 form.
     */
    static String inet6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase == -1) { curBase = i; curLen = 1; } else curLen++;
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) { bestBase = curBase; bestLen = curLen; }
        if (bestBase != -1 && bestLen < 2) bestBase = -1;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) sb.append(':');
                continue;
            }
            if (i != 0) sb.append(':');
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) sb.append(':');
        return sb.toString();
    }

    public static long readLong(byte[] b, int off) {
        return readInt(b, off, 8, false);
    }

    /** Reads a little-endian integer of {@code size} bytes, sign- or zero-extended to 64 bits. */
    public static long readInt(byte[] b, int off, int size, boolean signed) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        if (signed && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }

    public static void writeLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
