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

    /** A symbol of an ELF file: its address in the file's own address space and its size in bytes. */
    record UserSymbol(long address, long size) {}

    /** A function or variable symbol of an ELF file, for uaddr("name"); empty when unknown or unreadable. */
    default Optional<UserSymbol> userSymbol(String path, String name) {
        return Optional.empty();
    }

    /**
     * One USDT probe site from an ELF file's {@code .note.stapsdt}: {@code address} is the probed
     * instruction's address in the file's own address space (already adjusted for prelinking),
     * {@code semaphore} the address of its is-enabled counter (0 when it has none), and {@code arguments}
     * the note's argument specs as written ("-4@%edi 8@-8(%rbp)").
     */
    record UsdtProbe(String provider, String name, long address, long semaphore, String arguments) {}

    /** The USDT probe sites of an ELF file, in note order; empty when it has none or is unreadable. */
    default List<UsdtProbe> usdtProbes(String path) {
        return List.of();
    }
}
