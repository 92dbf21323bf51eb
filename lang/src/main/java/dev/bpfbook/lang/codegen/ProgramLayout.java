package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What all probes of one program share: the map specs (user maps from the checker, internal maps added
 * on first use) and the async action table (structurally equal actions share one id).
 */
public final class ProgramLayout {
    public static final int MAP_HASH = 1, MAP_ARRAY = 2, MAP_PERCPU_HASH = 5, MAP_PERCPU_ARRAY = 6, MAP_RINGBUF = 27;
    public static final int DEFAULT_MAX_ENTRIES = 4096;
    public static final int RING_BYTES = 256 * 1024;

    /**
     * Internal BPF_MAP_TYPE_ARRAY with one u32-keyed u64: the bpf_ktime_get_ns() value at program start.
     * The runtime writes it (key 0) before running BEGIN; {@code elapsed} subtracts it from the current time.
     */
    public static final String START_TIME_MAP = "start_ns";

    private final Map<String, MapSpec> maps = new LinkedHashMap<>();
    private final Map<String, MapDef> userMaps;
    private final List<AsyncAction> actions = new ArrayList<>();

    public ProgramLayout(Map<String, MapDef> userMaps, Map<String, MapSpec> sessionMaps) {
        this.userMaps = userMaps;
        maps.put(CompiledProgram.OUTPUT_RING, new MapSpec(CompiledProgram.OUTPUT_RING, MAP_RINGBUF, 0, 0, RING_BYTES, 0, null, null));
        for (MapDef def : userMaps.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            MapSpec session = sessionMaps.get(def.name());
            maps.put(def.name(), session != null ? session : specOf(def));
        }
    }

    static MapSpec specOf(MapDef def) {
        int userKey = def.keyType() == null ? 0 : def.keyType().size();
        int keySize = def.hasBucketKey() ? userKey + 8 : Math.max(userKey, 8);
        ValueKind kind = def.kind();
        if (kind instanceof ValueKind.Plain p) {
            return new MapSpec(def.name(), MAP_HASH, keySize, p.type().size(), DEFAULT_MAX_ENTRIES, 0, def.keyType(), kind);
        }
        int valueSize = kind instanceof ValueKind.Avg || kind instanceof ValueKind.Min || kind instanceof ValueKind.Max
                || kind instanceof ValueKind.Stats ? 16 : 8;
        return new MapSpec(def.name(), MAP_PERCPU_HASH, keySize, valueSize, DEFAULT_MAX_ENTRIES, 0, def.keyType(), kind);
    }

    public MapDef userMap(String name) {
        MapDef d = userMaps.get(name);
        if (d == null) throw new IllegalStateException("unknown map " + name);
        return d;
    }

    public MapSpec spec(String name) {
        MapSpec s = maps.get(name);
        if (s == null) throw new IllegalStateException("unknown map " + name);
        return s;
    }

    /** Registers the start-time map on first use and returns its name. */
    public String startTimeMap() {
        maps.computeIfAbsent(START_TIME_MAP, n -> new MapSpec(n, MAP_ARRAY, 4, 8, 1, 0, Type.U32, new ValueKind.Plain(Type.U64)));
        return START_TIME_MAP;
    }

    /**
     * Internal BPF_MAP_TYPE_PERCPU_ARRAY with one u32-keyed value: scratch space for output records too
     * large for the 512-byte stack. Its value size grows to the largest such record.
     */
    public static final String RECORD_SCRATCH_MAP = "record_buf";

    public String recordScratch(int size) {
        MapSpec old = maps.get(RECORD_SCRATCH_MAP);
        int valueSize = Math.max(size, old == null ? 0 : old.valueSize());
        maps.put(RECORD_SCRATCH_MAP, new MapSpec(RECORD_SCRATCH_MAP, MAP_PERCPU_ARRAY, 4, valueSize, 1, 0, Type.U32, null));
        return RECORD_SCRATCH_MAP;
    }

    /**
     * Internal 1-entry BPF_MAP_TYPE_PERCPU_ARRAY (u32 key 0, u64 value): output records the ring had no room
     * for. Every program that emits records has it; the runtime sums it over CPUs and reports the loss.
     */
    public static final String LOST_RECORDS_MAP = "lost";

    /**
     * Internal BPF_MAP_TYPE_ARRAY with one u32-keyed u64: the pid of the command bpftrace started (-c),
     * written by the runtime before BEGIN (0 when there is none); the {@code cpid} builtin reads it.
     */
    public static final String CPID_MAP = "cpid";

    /** BPF_MAP_TYPE_STACK_TRACE maps of kstack and ustack ids (u32 key, 127 u64 frames, 4096 entries). */
    public static final String KERNEL_STACKS = "kstacks", USER_STACKS = "ustacks";
    public static final int MAP_STACK_TRACE = 7, MAX_STACK_DEPTH = 127;

    public String lostRecordsMap() {
        maps.computeIfAbsent(LOST_RECORDS_MAP, n -> new MapSpec(n, MAP_PERCPU_ARRAY, 4, 8, 1, 0, Type.U32, new ValueKind.Plain(Type.U64)));
        return LOST_RECORDS_MAP;
    }

    public String cpidMap() {
        maps.computeIfAbsent(CPID_MAP, n -> new MapSpec(n, MAP_ARRAY, 4, 8, 1, 0, Type.U32, new ValueKind.Plain(Type.U64)));
        return CPID_MAP;
    }

    /** The stack-trace map for kernel or user stacks, registered on first use. */
    public String stackMap(boolean user) {
        String name = user ? USER_STACKS : KERNEL_STACKS;
        maps.computeIfAbsent(name, n -> new MapSpec(n, MAP_STACK_TRACE, 4, 8 * MAX_STACK_DEPTH, DEFAULT_MAX_ENTRIES, 0, Type.U32, null));
        return name;
    }

    /** The id of {@code action}, adding it to the table if new. */
    public int action(AsyncAction action) {
        int i = actions.indexOf(action);
        if (i >= 0) return i;
        actions.add(action);
        return actions.size() - 1;
    }

    public List<MapSpec> maps() {
        return List.copyOf(maps.values());
    }

    public List<AsyncAction> actions() {
        return List.copyOf(actions);
    }
}
