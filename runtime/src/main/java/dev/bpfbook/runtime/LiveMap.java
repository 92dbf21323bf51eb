package dev.bpfbook.runtime;

import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.linux.BpfMap;

/**
 * A map alive in the kernel with the spec it was created from. {@code origin} says which cell or run
 * created it, for type-conflict errors.
 */
record LiveMap(MapSpec spec, BpfMap map, String origin) {

    static LiveMap create(MapSpec spec, String origin) {
        String kernelName = spec.name().startsWith("@") ? "AT_" + spec.name().substring(1) : spec.name();
        return new LiveMap(spec, BpfMap.create(spec.mapType(), spec.keySize(), spec.valueSize(), spec.maxEntries(),
                spec.flags(), kernelName), origin);
    }

    boolean isEmpty() {
        return map.nextKey(null) == null;
    }

    /** zero(): keep the keys, zero the values (BpfMap writes a per-CPU map's value to every CPU). */
    void zero() {
        byte[] zero = new byte[spec.valueSize()];
        for (byte[] key : map.keys()) {
            map.update(key, zero, 0);
        }
    }
}
