package dev.bpfbook.runtime;

import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.linux.Cpus;
import dev.bpfbook.linux.ElfSymbols;
import dev.bpfbook.linux.Kallsyms;
import dev.bpfbook.linux.Tracefs;
import dev.bpfbook.linux.UsdtNotes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The running kernel as the compiler sees it: tracefs events and formats, BTF, kernel and ELF symbols. Each
 * source is read on first use and cached for the session (the event list is ~2k lines, BTF ~6 MB, kallsyms
 * ~200k lines), so a session pays for what its programs use, once.
 */
final class KernelCatalogue implements ProbeCatalogue {
    private static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    private final Supplier<Kallsyms> kallsyms;
    private final Map<String, Optional<String>> formats = new ConcurrentHashMap<>();
    private final Map<String, List<String>> elfFunctions = new ConcurrentHashMap<>();
    private final Map<String, List<UsdtProbe>> usdtProbes = new ConcurrentHashMap<>();
    private final Lazy<List<String>> tracepoints = Lazy.of(() -> List.copyOf(Tracefs.events()));
    private final Lazy<Optional<byte[]>> btf = Lazy.of(KernelCatalogue::readBtf);
    private final Lazy<List<String>> kernelFunctions;

    KernelCatalogue(Supplier<Kallsyms> kallsyms) {
        this.kallsyms = kallsyms;
        this.kernelFunctions = Lazy.of(() -> kallsyms.get().functionNames());
    }

    @Override
    public List<String> tracepoints() {
        return tracepoints.get();
    }

    @Override
    public Optional<String> tracepointFormat(String category, String name) {
        return formats.computeIfAbsent(category + ":" + name, k -> {
            try {
                return Optional.of(Tracefs.format(category, name));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public int possibleCpus() {
        return Cpus.possible();
    }

    @Override
    public Optional<byte[]> vmlinuxBtf() {
        return btf.get();
    }

    private static Optional<byte[]> readBtf() {
        try {
            return Optional.of(Files.readAllBytes(VMLINUX));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Text symbols of /proc/kallsyms: what a kprobe can name, BTF or not. */
    @Override
    public List<String> kernelFunctions() {
        return kernelFunctions.get();
    }

    @Override
    public OptionalLong kernelSymbol(String name) {
        return kallsyms.get().address(name);
    }

    /** A cgroup v2 id is the inode number of its directory in the cgroup2 file system. */
    @Override
    public OptionalLong cgroupId(String path) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(Path.of(path), "unix:ino")).longValue());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<UsdtProbe> usdtProbes(String path) {
        return usdtProbes.computeIfAbsent(path, p -> {
            try {
                return UsdtNotes.read(Path.of(p)).stream()
                        .map(n -> new UsdtProbe(n.provider(), n.name(), n.address(), n.semaphore(), n.arguments())).toList();
            } catch (RuntimeException e) {
                return List.of();
            }
        });
    }

    @Override
    public Optional<UserSymbol> userSymbol(String path, String name) {
        try {
            return ElfSymbols.read(Path.of(path)).symbol(name).map(s -> new UserSymbol(s.address(), s.size()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> userFunctions(String path) {
        return elfFunctions.computeIfAbsent(path, p -> {
            try {
                return ElfSymbols.read(Path.of(p)).functions().stream().map(ElfSymbols.Symbol::name).distinct().toList();
            } catch (RuntimeException e) {
                return List.of();
            }
        });
    }
}
