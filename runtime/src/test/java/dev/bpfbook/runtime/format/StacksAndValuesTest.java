package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;
import dev.bpfbook.lang.types.Type.StackType.StackMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StacksAndValuesTest {
    static final long A1 = 0xffffffff814e07d9L, A2 = 0xffffffff8143979aL, A3 = 0xffffffff81e3c0fdL, TEXT = 0xffffffff81000000L;

    /** The symbols of the kernel cases/stacks.out was captured on (A1 and A2 as its perf-mode frames show). */
    static final Symbols CAPTURED_KERNEL = new Symbols() {
        final Map<Long, String> names = Map.of(A1, "perf_syscall_enter+473", A2, "syscall_trace_enter+378",
                A3, "do_syscall_64+525", TEXT, "_text");

        @Override
        public String kernel(long addr, boolean withOffset) {
            String s = names.get(addr);
            return withOffset || !s.contains("+") ? s : s.substring(0, s.indexOf('+'));
        }

        @Override
        public long[] stack(boolean user, long stackId) {
            return new long[] {A1, A2, A3};
        }
    };

    @Test
    void stacksInKeysValuesAndPrintf() {
        ValueDecoder decoder = new ValueDecoder(CAPTURED_KERNEL);
        Reference r = new Reference("stacks", new MapPrinter(decoder));
        r.map("@", new Type.StackType(false, 3, StackMode.BPFTRACE), new ValueKind.Count()).count(7L);
        r.map("@k", null, new ValueKind.Plain(new Type.StackType(false, 2, StackMode.BPFTRACE))).set(7L);
        r.map("@p", new Type.StackType(false, 2, StackMode.PERF), new ValueKind.Count()).count(8L);
        r.map("@s", null, new ValueKind.Plain(new Type.SymbolType(false))).set(TEXT);

        Type kstack2 = new Type.StackType(false, 2, StackMode.BPFTRACE);
        byte[] record = new byte[16];
        MapModel.put(record, 8, 7);
        String printf = new PrintfFormatter(decoder)
                .format(new AsyncAction.Printf("[%s]\n", List.of(new AsyncAction.Arg(kstack2, 8))), record);

        assertEquals(r.capturedText(), printf + r.exitText());
        assertEquals(r.capturedJson(), JsonLines.printf(printf) + r.exitJson());
    }

    @Test
    void reducerFoldsCpus() {
        byte[][] cpus = {value(5, 1), value(0, 0), value(-9, 1), value(3, 1)};
        assertArrayEquals(value(-9, 1), Reducer.reduce(new ValueKind.Min(true), cpus));
        assertArrayEquals(value(5, 1), Reducer.reduce(new ValueKind.Max(true), cpus));
        // Unsigned: -9 is the largest u64.
        assertArrayEquals(value(-9, 1), Reducer.reduce(new ValueKind.Max(false), cpus));
        assertArrayEquals(value(3, 1), Reducer.reduce(new ValueKind.Min(false), cpus));
        // A CPU that never set the key does not count, even with value 0.
        assertArrayEquals(value(0, 0), Reducer.reduce(new ValueKind.Max(true), new byte[][] {value(0, 0), value(0, 0)}));
        assertArrayEquals(value(-1, 3), Reducer.reduce(new ValueKind.Avg(true), new byte[][] {value(4, 1), value(-5, 2)}));
        byte[] flat = new byte[24];
        MapModel.put(flat, 0, 2);
        MapModel.put(flat, 8, 40);
        MapModel.put(flat, 16, -1);
        assertArrayEquals(value(41), Reducer.reduce(new ValueKind.Count(), flat, 8, 3));
        assertEquals(16, Reducer.stride(12));
    }

    @Test
    void decodesEveryType() {
        ValueDecoder d = new ValueDecoder();
        Type.RecordType rec = new Type.RecordType("struct P", 16, List.of(
                new Type.RecordType.Field("a", Type.S32, 0, 0, 0),
                new Type.RecordType.Field("flags", Type.U8, 4, 1, 3),
                new Type.RecordType.Field("neg", Type.S8, 4, 4, 4),
                new Type.RecordType.Field("arr", new Type.ArrayType(Type.U16, 3), 6, 0, 0)));
        byte[] b = new byte[16];
        MapModel.put(b, 0, -7 & 0xffffffffL);
        b[4] = (byte) 0b1110_1010; // flags = bits 1..3 = 0b101 = 5, neg = bits 4..7 = 0b1110 = -2
        b[6] = 1; b[8] = 2; b[10] = (byte) 0xff; b[11] = (byte) 0xff;
        Value v = d.decode(rec, b);
        assertEquals("{ .a = -7, .flags = 5, .neg = -2, .arr = [1,2,65535] }", v.text());
        assertEquals("{ \"a\": -7, \"flags\": 5, \"neg\": -2, \"arr\": [1,2,65535] }", v.json());

        assertEquals("01:02:AB:CD:EF:FF", d.decode(new Type.MacAddrType(), new byte[] {1, 2, (byte) 0xab, (byte) 0xcd, (byte) 0xef, (byte) 0xff}).text());
        byte[] p = new byte[8];
        MapModel.put(p, 0, 4096);
        assertEquals("4096", d.decode(new Type.PointerType(Type.S8), p).text());
        assertEquals("0x1000", d.decodeKey(new Type.PointerType(Type.S8), p, 0).text());
        assertEquals("ab", d.decode(new Type.StringType(8), new byte[] {'a', 'b', 0, 'c', 0, 0, 0, 0}).text());
        assertEquals("é!", d.decode(new Type.StringType(3), new byte[] {(byte) 0xc3, (byte) 0xa9, '!', 'x'}).text());
        assertEquals("\"\\uffffffc3\\uffffffa9!\"", d.decode(new Type.StringType(3), new byte[] {(byte) 0xc3, (byte) 0xa9, '!'}).json());
        assertEquals("18446744073709551615", d.decode(Type.U64, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}).text());
        assertEquals("-1", d.decode(Type.S64, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}).text());
        assertEquals("65535", d.decode(Type.U16, new byte[] {-1, -1}).text());
        assertEquals("-1", d.decode(Type.S16, new byte[] {-1, -1}).text());
        byte[] inet = new byte[24];
        MapModel.encode(new Type.InetType(), new byte[] {10, 0, 0, (byte) 200}, inet, 0);
        assertEquals("10.0.0.200", d.decode(new Type.InetType(), inet).text());
        byte[] inet6 = new byte[24];
        MapModel.encode(new Type.InetType(), new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, inet6, 0);
        assertEquals("2001:db8::1", d.decode(new Type.InetType(), inet6).text());
    }

    @Test
    void joinStopsAtTheFirstEmptySlot() {
        // Like bpftrace's join(args->argv) for `/bin/true a "b c" ddd`: "/bin/true a b c ddd".
        byte[] record = new byte[8 + 6 * 12];
        String[] argv = {"/bin/true", "a", "b c", "ddd", "", "stale"};
        for (int i = 0; i < argv.length; i++) MapModel.encode(new Type.StringType(12), argv[i], record, 8 + i * 12);
        assertEquals("/bin/true a b c ddd", PrintfFormatter.join(new AsyncAction.Join(" ", 6, 12, 8), record));
        assertEquals("/bin/true,a,b c,ddd", PrintfFormatter.join(new AsyncAction.Join(",", 6, 12, 8), record));
        assertEquals("{\"type\": \"join\", \"data\": \"/bin/true a b c ddd\"}\n", JsonLines.join("/bin/true a b c ddd"));
    }

    private static byte[] value(long... fields) {
        byte[] b = new byte[8 * fields.length];
        for (int i = 0; i < fields.length; i++) MapModel.put(b, 8 * i, fields[i]);
        return b;
    }
}
