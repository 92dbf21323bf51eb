package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One map filled the way a compiled program fills it (the layouts documented on {@link ValueKind}):
 * aggregations keep one value per CPU (updates alternate between two CPUs so the {@link Reducer} has
 * work to do), hist/lhist keys end with the u64 bucket, plain values are written once.
 */
final class MapModel {
    static final int NCPUS = 2;

    final MapSpec spec;
    private final Map<ByteBuffer, byte[][]> values = new LinkedHashMap<>();
    private int updates;

    MapModel(String name, Type keyType, ValueKind kind) {
        boolean histo = kind instanceof ValueKind.Hist || kind instanceof ValueKind.LHist;
        int keySize = (keyType == null ? (histo ? 0 : 8) : keyType.size()) + (histo ? 8 : 0);
        int valueSize;
        if (kind instanceof ValueKind.Plain p) valueSize = p.type().size();
        else if (kind instanceof ValueKind.Avg || kind instanceof ValueKind.Stats || kind instanceof ValueKind.Min
                || kind instanceof ValueKind.Max) valueSize = 16;
        else valueSize = 8;
        int mapType = kind instanceof ValueKind.Plain ? 1 : 5;
        spec = new MapSpec(name, mapType, keySize, valueSize, 4096, 0, keyType, kind);
    }

    MapModel count(Object... key) {
        add(key, 0, 1);
        return this;
    }

    MapModel sum(long v, Object... key) {
        add(key, 0, v);
        return this;
    }

    MapModel avg(long v, Object... key) {
        byte[] cpu = cpuValue(encodeKey(key));
        put(cpu, 0, get(cpu, 0) + v);
        put(cpu, 8, get(cpu, 8) + 1);
        return this;
    }

    MapModel stats(long v, Object... key) {
        return avg(v, key);
    }

    MapModel min(long v, Object... key) {
        byte[] cpu = cpuValue(encodeKey(key));
        if (get(cpu, 8) == 0 || v < get(cpu, 0)) put(cpu, 0, v);
        put(cpu, 8, 1);
        return this;
    }

    MapModel max(long v, Object... key) {
        byte[] cpu = cpuValue(encodeKey(key));
        if (get(cpu, 8) == 0 || v > get(cpu, 0)) put(cpu, 0, v);
        put(cpu, 8, 1);
        return this;
    }

    /** hist(v): bucket 0 for negatives, 1 for zero, else floor(log2 v) + 2. */
    MapModel hist(long v, Object... key) {
        long bucket = v < 0 ? 0 : v == 0 ? 1 : 63 - Long.numberOfLeadingZeros(v) + 2;
        add(withBucket(encodeKey(key), bucket), 0, 1);
        return this;
    }

    /** lhist(v, min, max, step): bucket 0 below min, then 1 + (v - min) / step, capped at the overflow bucket. */
    MapModel lhist(long v, Object... key) {
        ValueKind.LHist l = (ValueKind.LHist) spec.value();
        long top = (l.max() - l.min()) / l.step() + 1;
        long bucket = v < l.min() ? 0 : Math.min(top, 1 + (v - l.min()) / l.step());
        add(withBucket(encodeKey(key), bucket), 0, 1);
        return this;
    }

    MapModel set(Object value, Object... key) {
        Type t = ((ValueKind.Plain) spec.value()).type();
        byte[] v = new byte[t.size()];
        encode(t, value, v, 0);
        values.put(ByteBuffer.wrap(encodeKey(key)), new byte[][] {v});
        return this;
    }

    MapModel clear() {
        values.clear();
        return this;
    }

    /** The entries as the runtime reads them: one lookup buffer per key, reduced over CPUs. */
    List<MapEntry> entries() {
        List<MapEntry> out = new ArrayList<>();
        for (Map.Entry<ByteBuffer, byte[][]> e : values.entrySet()) {
            byte[] key = e.getKey().array();
            byte[][] cpus = e.getValue();
            if (!spec.isPerCpu()) {
                out.add(new MapEntry(key, cpus[0]));
                continue;
            }
            int stride = Reducer.stride(spec.valueSize());
            byte[] flat = new byte[stride * NCPUS];
            for (int c = 0; c < NCPUS; c++) System.arraycopy(cpus[c], 0, flat, c * stride, spec.valueSize());
            out.add(new MapEntry(key, Reducer.reduce(spec.value(), flat, spec.valueSize(), NCPUS)));
        }
        return out;
    }

    private void add(Object[] key, int field, long delta) {
        add(encodeKey(key), field, delta);
    }

    private void add(byte[] key, int field, long delta) {
        byte[] cpu = cpuValue(key);
        put(cpu, field, get(cpu, field) + delta);
    }

    private byte[] cpuValue(byte[] key) {
        byte[][] cpus = values.computeIfAbsent(ByteBuffer.wrap(key), k -> new byte[NCPUS][spec.valueSize()]);
        return cpus[updates++ % NCPUS];
    }

    private byte[] withBucket(byte[] userKey, long bucket) {
        byte[] k = new byte[spec.keySize()];
        System.arraycopy(userKey, 0, k, 0, Math.min(userKey.length, spec.keySize() - 8));
        put(k, spec.keySize() - 8, bucket);
        return k;
    }

    private byte[] encodeKey(Object[] key) {
        Type kt = spec.keyType();
        if (kt == null) return new byte[8];
        byte[] k = new byte[kt.size()];
        encode(kt, kt instanceof Type.TupleType ? key : key[0], k, 0);
        return k;
    }

    static void encode(Type t, Object v, byte[] buf, int off) {
        if (t instanceof Type.IntType it) {
            long x = ((Number) v).longValue();
            for (int i = 0; i < it.bytes(); i++) buf[off + i] = (byte) (x >>> (8 * i));
        } else if (t instanceof Type.StringType st) {
            byte[] s = ((String) v).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(s, 0, buf, off, Math.min(s.length, st.capacity() - 1));
        } else if (t instanceof Type.BufferType bt) {
            byte[] b = (byte[]) v;
            buf[off] = (byte) b.length;
            System.arraycopy(b, 0, buf, off + 1, Math.min(b.length, bt.capacity()));
        } else if (t instanceof Type.TupleType tt) {
            Object[] parts = (Object[]) v;
            List<Integer> offsets = tt.offsets();
            for (int i = 0; i < parts.length; i++) encode(tt.elements().get(i), parts[i], buf, off + offsets.get(i));
        } else if (t instanceof Type.StackType || t instanceof Type.SymbolType || t instanceof Type.PointerType) {
            put(buf, off, ((Number) v).longValue());
        } else if (t instanceof Type.InetType) {
            byte[] addr = (byte[]) v;
            put(buf, off, addr.length == 4 ? ValueDecoder.AF_INET : ValueDecoder.AF_INET6);
            System.arraycopy(addr, 0, buf, off + 8, addr.length);
        } else {
            throw new IllegalArgumentException("cannot encode " + t);
        }
    }

    static long get(byte[] b, int off) {
        return ValueDecoder.readLong(b, off);
    }

    static void put(byte[] b, int off, long v) {
        ValueDecoder.writeLong(b, off, v);
    }
}
