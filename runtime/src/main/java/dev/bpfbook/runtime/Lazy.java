package dev.bpfbook.runtime;

import java.util.function.Supplier;

/** A value computed on first use and kept (kallsyms, BTF…: costly to read, often never needed). */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private volatile T value;

    private Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) value = v = compute.get();
            }
        }
        return v;
    }
}
