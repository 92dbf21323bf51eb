package dev.bpfbook.linux;

import static dev.bpfbook.linux.Bytes.u32;
import static dev.bpfbook.linux.Bytes.u64;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({BpfTestSupport.class, NoLeftoverFds.class})
class BpfMapTest {

    @Test
    void hashMapRoundTrip() {
        try (BpfMap m = BpfMap.create(MapType.HASH, 4, 8, 16, 0, "test_hash")) {
            assertTrue(m.fd() >= 0);
            assertEquals(MapType.HASH, m.mapType());
            assertEquals(4, m.keySize());
            assertEquals(8, m.valueSize());
            assertEquals(1, ProcessFds.count("bpf-map"));
            assertNull(m.lookup(u32(1)));
            assertNull(m.nextKey(null));
            for (int i = 1; i <= 5; i++) m.update(u32(i), u64(i * 100L), MapType.ANY);
            assertEquals(300L, u64(m.lookup(u32(3))));
            m.update(u32(3), u64(333), MapType.EXIST);
            assertEquals(333L, u64(m.lookup(u32(3))));

            Set<Integer> seen = new HashSet<>();
            for (byte[] k = m.nextKey(null); k != null; k = m.nextKey(k)) seen.add(u32(k));
            assertEquals(Set.of(1, 2, 3, 4, 5), seen);
            assertEquals(5, m.keys().size());

            List<BpfMap.Entry> entries = m.entries();
            assertEquals(5, entries.size());
            long sum = entries.stream().mapToLong(e -> u64(e.value())).sum();
            assertEquals(100 + 200 + 333 + 400 + 500, sum);

            assertTrue(m.delete(u32(2)));
            assertFalse(m.delete(u32(2)));
            assertNull(m.lookup(u32(2)));
            assertEquals(4, m.keys().size());
            m.clear();
            assertTrue(m.keys().isEmpty());
        }
    }

    @Test
    void updateFlagsAndErrorsCarryErrno() {
        try (BpfMap m = BpfMap.create(MapType.HASH, 4, 8, 2, 0, "test_flags")) {
            m.update(u32(1), u64(1), MapType.NOEXIST);
            BpfException e = assertThrows(BpfException.class, () -> m.update(u32(1), u64(2), MapType.NOEXIST));
            assertEquals(17, e.errno());
            assertEquals("BPF_MAP_UPDATE_ELEM", e.command());
            assertEquals("BPF_MAP_UPDATE_ELEM: File exists (errno 17)", e.getMessage());
            m.update(u32(2), u64(2), MapType.ANY);
            BpfException full = assertThrows(BpfException.class, () -> m.update(u32(3), u64(3), MapType.ANY));
            assertEquals(7, full.errno()); // E2BIG: max_entries reached
            assertThrows(IllegalArgumentException.class, () -> m.lookup(new byte[3]));
        }
    }

    @Test
    void createFailureIsBpfException() {
        BpfException e = assertThrows(BpfException.class, () -> BpfMap.create(MapType.HASH, 0, 8, 1, 0, "bad"));
        assertEquals("BPF_MAP_CREATE", e.command());
        assertEquals(22, e.errno());
        assertTrue(e.getMessage().startsWith("BPF_MAP_CREATE: Invalid argument (errno 22)"), e.getMessage());
    }

    @Test
    void perCpuHashHoldsOneValuePerPossibleCpu() {
        int cpus = Cpus.possible();
        try (BpfMap m = BpfMap.create(MapType.PERCPU_HASH, 8, 4, 8, 0, "test_pcpu")) {
            assertEquals(8, m.perCpuStride());
            byte[][] values = new byte[cpus][];
            for (int c = 0; c < cpus; c++) values[c] = u32(10 + c);
            m.updatePerCpu(u64(7), values, MapType.ANY);
            byte[][] read = m.lookupPerCpu(u64(7));
            assertEquals(cpus, read.length);
            for (int c = 0; c < cpus; c++) assertEquals(10 + c, u32(read[c]));
            assertEquals(10, u32(m.lookup(u64(7))));
            assertNull(m.lookupPerCpu(u64(8)));

            m.update(u64(9), u32(5), MapType.ANY); // same value on every CPU
            for (byte[] v : m.lookupPerCpu(u64(9))) assertEquals(5, u32(v));

            List<BpfMap.Entry> entries = m.entries();
            assertEquals(2, entries.size());
            for (BpfMap.Entry e : entries) {
                assertEquals(cpus, e.perCpu().length);
                if (u64(e.key()) == 7) assertEquals(10 + cpus - 1, u32(e.perCpu()[cpus - 1]));
            }
        }
    }

    @Test
    void arrayMapHasEveryIndex() {
        try (BpfMap m = BpfMap.create(MapType.ARRAY, 4, 16, 4, 0, "test_array")) {
            assertArrayEquals(new byte[16], m.lookup(u32(3)));
            assertNull(m.lookup(u32(4)));
            byte[] v = new byte[16];
            v[0] = 1;
            v[15] = 2;
            m.update(u32(2), v, MapType.ANY);
            assertArrayEquals(v, m.lookup(u32(2)));
            assertEquals(4, m.keys().size());
            assertEquals(4, m.entries().size());
            m.clear();
            assertArrayEquals(new byte[16], m.lookup(u32(2)));
        }
    }

    @Test
    void perCpuArrayEntriesByBatch() {
        int cpus = Cpus.possible();
        try (BpfMap m = BpfMap.create(MapType.PERCPU_ARRAY, 4, 8, 3, 0, "test_pcpu_arr")) {
            byte[][] values = new byte[cpus][];
            for (int c = 0; c < cpus; c++) values[c] = u64(c + 1);
            m.updatePerCpu(u32(1), values, MapType.ANY);
            List<BpfMap.Entry> entries = m.entries();
            assertEquals(3, entries.size());
            BpfMap.Entry one = entries.stream().filter(e -> u32(e.key()) == 1).findFirst().orElseThrow();
            for (int c = 0; c < cpus; c++) assertEquals(c + 1, u64(one.perCpu()[c]));
        }
    }

    @Test
    void namesAreSanitised() {
        try (BpfMap m = BpfMap.create(MapType.ARRAY, 4, 4, 1, 0, "@my-map:with/odd chars and a long tail")) {
            assertEquals("mymapwithoddcha", m.name());
        }
    }

    @Test
    void closedMapRefusesUse() {
        BpfMap m = BpfMap.create(MapType.ARRAY, 4, 4, 1, 0, "closed");
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, m::fd);
    }

    @Test
    void batchLookupReadsEveryElementAcrossChunks() {
        // 5000 elements > one 4096-element chunk: the batch token must carry over.
        int n = 5000;
        try (BpfMap m = BpfMap.create(MapType.PERCPU_HASH, 4, 8, n, MapType.F_NO_PREALLOC, "test_batch")) {
            for (int i = 0; i < n; i++) m.update(u32(i), u64(i * 3L), MapType.ANY);
            List<BpfMap.Entry> entries = m.entriesBatch();
            assertEquals(n, entries.size());
            Set<Integer> keys = new HashSet<>();
            for (BpfMap.Entry e : entries) {
                int k = u32(e.key());
                keys.add(k);
                for (byte[] v : e.perCpu()) assertEquals(k * 3L, u64(v));
            }
            assertEquals(n, keys.size());
        }
    }
}
