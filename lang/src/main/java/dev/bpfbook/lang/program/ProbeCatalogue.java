package dev.bpfbook.lang.program;

import java.util.List;
import java.util.Optional;

/**
 * What the compiler needs to know about the running kernel, supplied by the runtime (lang makes no
 * syscalls). Tracepoint formats are the raw text of tracefs events/CAT/NAME/format.
 */
public interface ProbeCatalogue {
    /** Every tracepoint as "category:name". */
    List<String> tracepoints();

    Optional<String> tracepointFormat(String category, String name);

    /** Number of possible CPUs (per-CPU value arrays). */
    int possibleCpus();

    /** The raw bytes of /sys/kernel/btf/vmlinux; empty when the kernel has no BTF (kernel types unknown). */
    default Optional<byte[]> vmlinuxBtf() {
        return Optional.empty();
    }

    /**
     * Kernel functions kprobe/kfunc attach points may name (wildcards expand against these). Empty means
     * "unknown": the compiler then falls back to the FUNC names of {@link #vmlinuxBtf()}.
     */
    default List<String> kernelFunctions() {
        return List.of();
    }

    /** The address of a kernel symbol (/proc/kallsyms), for kaddr("name"); empty when unknown. */
    default java.util.OptionalLong kernelSymbol(String name) {
        return java.util.OptionalLong.empty();
    }

    /** The cgroup v2 id of a cgroup path ("/sys/fs/cgroup/..."), for cgroupid("path"); empty when unknown. */
    default java.util.OptionalLong cgroupId(String path) {
        return java.util.OptionalLong.empty();
    }

    /** Function symbols of an ELF file (for uprobe:PATH:FUNC and its wildcards); empty when unreadable. */
    default List<String> userFunctions(String path) {
        return List.of();
    }
}
