package dev.bpfbook.linux;

import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;

/** A live BPF map owning its fd. Keys and values are raw bytes in the kernel's layout. */
public final class BpfMap implements AutoCloseable {
    private final int mapType;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private final int flags;
    private final String name;
    private final OwnedFd fd;

    private BpfMap(int fd, int mapType, int keySize, int valueSize, int maxEntries, int flags, String name) {
        this.fd = new OwnedFd(fd, "map " + name);
        this.mapType = mapType;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.flags = flags;
        this.name = name;
    }

    /**
     * BPF_MAP_CREATE. The name is reduced to at most 15 characters of [A-Za-z0-9_.]; flags are
     * passed as given (BPF_F_NO_PREALLOC is the caller's choice).
     */
    public static BpfMap create(int mapType, int keySize, int valueSize, int maxEntries, int flags, String name) {
        Bpf.Attr attr = Bpf.attr();
        attr.setInt(0, mapType);
        attr.setInt(4, keySize);
        attr.setInt(8, valueSize);
        attr.setInt(12, maxEntries);
        attr.setInt(16, flags);
        byte[] n = Bpf.objectName(name);
        attr.write(28, n, 0, n.length);
        int fd = Bpf.call(Bpf.Cmd.BPF_MAP_CREATE, attr);
        return new BpfMap(fd, mapType, keySize, valueSize, maxEntries, flags, new String(n).trim());
    }

    public int fd() {
        return fd.get();
    }

    public int mapType() { return mapType; }
    public int keySize() { return keySize; }
    public int valueSize() { return valueSize; }
    public int maxEntries() { return maxEntries; }
    public int flags() { return flags; }
    public String name() { return name; }

    public boolean isPerCpu() {
        return MapType.isPerCpu(mapType);
    }

    /** Bytes per CPU in a per-CPU value buffer: valueSize rounded up to 8. */
    public int perCpuStride() {
        return (valueSize + 7) & ~7;
    }

    /** Size of the value buffer the kernel reads or writes for one element. */
    private int valueBufferSize() {
        return isPerCpu() ? perCpuStride() * Cpus.possible() : valueSize;
    }

    private Bpf.Attr elemAttr(Memory key, Memory valueOrNextKey, long flags) {
        Bpf.Attr attr = Bpf.attr();
        attr.setInt(0, fd());
        attr.pointer(8, key);
        attr.pointer(16, valueOrNextKey);
        attr.setLong(24, flags);
        return attr;
    }

    private Memory keyMemory(byte[] key) {
        if (key.length != keySize) {
            throw new IllegalArgumentException("key of " + key.length + " bytes for map " + name + " with key size " + keySize);
        }
        return Bpf.copy(key);
    }

    /** The raw value buffer (all CPUs for per-CPU maps), or null when the key is absent. */
    private byte[] lookupRaw(byte[] key) {
        Memory k = keyMemory(key);
        int size = valueBufferSize();
        Memory v = new Memory(Math.max(1, size));
        int r = Bpf.callErrno(Bpf.Cmd.BPF_MAP_LOOKUP_ELEM, elemAttr(k, v, 0));
        if (r == -Libc.ENOENT) return null;
        if (r < 0) throw new BpfException(Bpf.Cmd.BPF_MAP_LOOKUP_ELEM.name(), -r);
        return v.getByteArray(0, size);
    }

    /**
     * BPF_MAP_LOOKUP_ELEM; null when the key is absent. For per-CPU maps this returns CPU 0's
     * value only; use lookupPerCpu to see every CPU.
     */
    public byte[] lookup(byte[] key) {
        byte[] raw = lookupRaw(key);
        if (raw == null || !isPerCpu()) return raw;
        byte[] out = new byte[valueSize];
        System.arraycopy(raw, 0, out, 0, valueSize);
        return out;
    }

    /** One value per possible CPU (each valueSize bytes), or null when the key is absent. */
    public byte[][] lookupPerCpu(byte[] key) {
        if (!isPerCpu()) throw new IllegalStateException("map " + name + " is not per-CPU");
        byte[] raw = lookupRaw(key);
        return raw == null ? null : splitPerCpu(raw, 0);
    }

    private byte[][] splitPerCpu(byte[] raw, int base) {
        int cpus = Cpus.possible();
        int stride = perCpuStride();
        byte[][] out = new byte[cpus][];
        for (int c = 0; c < cpus; c++) {
            out[c] = new byte[valueSize];
            System.arraycopy(raw, base + c * stride, out[c], 0, valueSize);
        }
        return out;
    }

    /**
     * BPF_MAP_UPDATE_ELEM with flags MapType.ANY, NOEXIST or EXIST. For per-CPU maps the same
     * value is written to every CPU.
     */
    public void update(byte[] key, byte[] value, long flags) {
        if (isPerCpu()) {
            byte[][] all = new byte[Cpus.possible()][];
            java.util.Arrays.fill(all, value);
            updatePerCpu(key, all, flags);
            return;
        }
        if (value.length != valueSize) {
            throw new IllegalArgumentException("value of " + value.length + " bytes for map " + name + " with value size " + valueSize);
        }
        Bpf.call(Bpf.Cmd.BPF_MAP_UPDATE_ELEM, elemAttr(keyMemory(key), Bpf.copy(value), flags));
    }

    /** BPF_MAP_UPDATE_ELEM of a per-CPU map: one value per possible CPU. */
    public void updatePerCpu(byte[] key, byte[][] values, long flags) {
        if (!isPerCpu()) throw new IllegalStateException("map " + name + " is not per-CPU");
        int cpus = Cpus.possible();
        if (values.length != cpus) throw new IllegalArgumentException(values.length + " values for " + cpus + " possible CPUs");
        int stride = perCpuStride();
        Memory v = new Memory((long) stride * cpus);
        v.clear();
        for (int c = 0; c < cpus; c++) {
            if (values[c].length != valueSize) throw new IllegalArgumentException("value of " + values[c].length + " bytes, expected " + valueSize);
            v.write((long) c * stride, values[c], 0, valueSize);
        }
        Bpf.call(Bpf.Cmd.BPF_MAP_UPDATE_ELEM, elemAttr(keyMemory(key), v, flags));
    }

    /** BPF_MAP_DELETE_ELEM; false when the key was absent. */
    public boolean delete(byte[] key) {
        int r = Bpf.callErrno(Bpf.Cmd.BPF_MAP_DELETE_ELEM, elemAttr(keyMemory(key), null, 0));
        if (r == -Libc.ENOENT) return false;
        if (r < 0) throw new BpfException(Bpf.Cmd.BPF_MAP_DELETE_ELEM.name(), -r);
        return true;
    }

    /** BPF_MAP_GET_NEXT_KEY: the first key for null, the key after the given one, null at the end. */
    public byte[] nextKey(byte[] keyOrNull) {
        Memory k = keyOrNull == null ? null : keyMemory(keyOrNull);
        Memory next = new Memory(Math.max(1, keySize));
        int r = Bpf.callErrno(Bpf.Cmd.BPF_MAP_GET_NEXT_KEY, elemAttr(k, next, 0));
        if (r == -Libc.ENOENT) return null;
        if (r < 0) throw new BpfException(Bpf.Cmd.BPF_MAP_GET_NEXT_KEY.name(), -r);
        return next.getByteArray(0, keySize);
    }

    /**
     * Every key, by walking nextKey. A hash map being written concurrently may restart the walk
     * from the first key when the current one is deleted; duplicates are then dropped.
     */
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>();
        java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
        byte[] k = nextKey(null);
        int guard = 0;
        while (k != null && guard++ <= Math.max(1, maxEntries) * 2) {
            if (seen.add(java.nio.ByteBuffer.wrap(k))) out.add(k);
            k = nextKey(k);
        }
        return out;
    }

    /** One element of a batch read: key and the raw value (per-CPU maps: split per CPU). */
    public record Entry(byte[] key, byte[] value, byte[][] perCpu) {}

    /**
     * Every element, read with BPF_MAP_LOOKUP_BATCH (one syscall per chunk) when the kernel
     * supports it for this map type, otherwise by keys() and lookups.
     */
    public List<Entry> entries() {
        try {
            return entriesBatch();
        } catch (BpfException e) {
            // EINVAL/EOPNOTSUPP/ENOTSUPP: no batch ops for this map type; ENOSPC: a hash bucket
            // holds more elements than one chunk. Both are answered by the element-wise walk.
            int errno = e.errno();
            if (errno != 22 && errno != 95 && errno != 524 && errno != Libc.ENOSPC) throw e;
        }
        return entriesByKeys();
    }

    private List<Entry> entriesByKeys() {
        List<Entry> out = new ArrayList<>();
        for (byte[] k : keys()) {
            byte[] raw = lookupRaw(k);
            if (raw != null) out.add(toEntry(k, raw, 0));
        }
        return out;
    }

    private Entry toEntry(byte[] key, byte[] raw, int base) {
        if (isPerCpu()) {
            byte[][] per = splitPerCpu(raw, base);
            return new Entry(key, per[0], per);
        }
        byte[] v = new byte[valueSize];
        System.arraycopy(raw, base, v, 0, valueSize);
        return new Entry(key, v, null);
    }

    List<Entry> entriesBatch() {
        List<Entry> out = new ArrayList<>();
        int chunk = Math.max(1, Math.min(maxEntries, 4096));
        int vsize = valueBufferSize();
        Memory keys = new Memory((long) chunk * Math.max(1, keySize));
        Memory values = new Memory((long) chunk * Math.max(1, vsize));
        // The batch token is opaque; hash maps use a bucket index, arrays a key. 8 bytes or the
        // key size, whichever is larger, covers both.
        int tokenSize = Math.max(8, keySize);
        Memory inBatch = new Memory(tokenSize);
        Memory outBatch = new Memory(tokenSize);
        inBatch.clear();
        outBatch.clear();
        boolean first = true;
        while (true) {
            Bpf.Attr attr = Bpf.attr();
            attr.pointer(0, first ? null : inBatch);
            attr.pointer(8, outBatch);
            attr.pointer(16, keys);
            attr.pointer(24, values);
            attr.setInt(32, chunk);
            attr.setInt(36, fd());
            int r = Bpf.callErrno(Bpf.Cmd.BPF_MAP_LOOKUP_BATCH, attr);
            int count = attr.getInt(32);
            if (r < 0 && r != -Libc.ENOENT) throw new BpfException(Bpf.Cmd.BPF_MAP_LOOKUP_BATCH.name(), -r);
            for (int i = 0; i < count; i++) {
                byte[] k = keys.getByteArray((long) i * keySize, keySize);
                byte[] raw = values.getByteArray((long) i * vsize, vsize);
                out.add(toEntry(k, raw, 0));
            }
            if (r == -Libc.ENOENT) return out;
            inBatch.write(0, outBatch.getByteArray(0, tokenSize), 0, tokenSize);
            first = false;
        }
    }

    /**
     * Empties the map: deletes every key of a hash-like map, zeroes every slot of an array
     * (array elements cannot be deleted).
     */
    public void clear() {
        if (MapType.isArray(mapType)) {
            byte[] zero = new byte[valueSize];
            for (int i = 0; i < maxEntries; i++) {
                byte[] k = new byte[4];
                k[0] = (byte) i; k[1] = (byte) (i >>> 8); k[2] = (byte) (i >>> 16); k[3] = (byte) (i >>> 24);
                update(k, zero, MapType.ANY);
            }
            return;
        }
        byte[] k;
        while ((k = nextKey(null)) != null) {
            delete(k);
        }
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "BpfMap[" + name + " type=" + mapType + " fd=" + fd + "]";
    }
}
