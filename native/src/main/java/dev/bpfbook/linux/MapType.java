package dev.bpfbook.linux;

/** enum bpf_map_type values from linux/bpf.h. */
public final class MapType {
    private MapType() {}

    public static final int HASH = 1;
    public static final int ARRAY = 2;
    public static final int PROG_ARRAY = 3;
    public static final int PERF_EVENT_ARRAY = 4;
    public static final int PERCPU_HASH = 5;
    public static final int PERCPU_ARRAY = 6;
    public static final int STACK_TRACE = 7;
    public static final int CGROUP_ARRAY = 8;
    public static final int LRU_HASH = 9;
    public static final int LRU_PERCPU_HASH = 10;
    public static final int LPM_TRIE = 11;
    public static final int QUEUE = 22;
    public static final int STACK = 23;
    public static final int RINGBUF = 27;

    /** Map flags. */
    public static final int F_NO_PREALLOC = 1;

    /** Update flags. */
    public static final long ANY = 0, NOEXIST = 1, EXIST = 2;

    public static boolean isPerCpu(int mapType) {
        return mapType == PERCPU_HASH || mapType == PERCPU_ARRAY || mapType == LRU_PERCPU_HASH;
    }

    public static boolean isArray(int mapType) {
        return mapType == ARRAY || mapType == PERCPU_ARRAY;
    }
}
