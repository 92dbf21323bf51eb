package dev.bpfbook.runtime.format;

/**
 * One element of a map as read from the kernel: the full kernel key (for hist/lhist including the trailing
 * u64 bucket) and the value reduced over CPUs (see {@link Reducer}), in one CPU's layout.
 */
public record MapEntry(byte[] key, byte[] value) {
    public MapEntry {
        key = key.clone();
        value = value.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}
