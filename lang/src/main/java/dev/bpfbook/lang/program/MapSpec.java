package dev.bpfbook.lang.program;

import dev.bpfbook.lang.types.Type;

/**
 * A BPF map the program needs. User maps are named with their '@' ("@", "@counts"); internal maps
 * (output ring, scratch buffers, stack traces) have names without '@'. {@code keyType} is the user's key
 * (null for a scalar map); for hist/lhist the kernel key is keyType followed by a u64 bucket, and
 * {@code keySize} is the full kernel key size. {@code mapType} is BPF_MAP_TYPE_*.
 */
public record MapSpec(String name, int mapType, int keySize, int valueSize, int maxEntries, int flags,
                      Type keyType, ValueKind value) {

    public boolean isUserMap() {
        return name.startsWith("@");
    }

    public boolean isPerCpu() {
        return mapType == 5 /* PERCPU_HASH */ || mapType == 6 /* PERCPU_ARRAY */ || mapType == 10 /* LRU_PERCPU_HASH */;
    }
}
