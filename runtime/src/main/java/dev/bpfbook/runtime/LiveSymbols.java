package dev.bpfbook.runtime;

import dev.bpfbook.lang.codegen.ProgramLayout;
import dev.bpfbook.linux.BpfMap;
import dev.bpfbook.linux.ElfSymbols;
import dev.bpfbook.linux.Kallsyms;
import dev.bpfbook.linux.ProcMaps;
import dev.bpfbook.runtime.format.Symbols;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Symbols from the live system, resolved when printed (as bpftrace does): kernel addresses through
 * /proc/kallsyms (read once, on first use), user addresses through the process's mappings and the ELF symbol
 * tables of its files (cached per file), and stack ids through the session's stack-trace maps.
 */
final class LiveSymbols implements Symbols {
    private final Function<String, BpfMap> stackMaps;
    private final Supplier<Kallsyms> kallsyms;
    private final Map<String, Optional<ElfSymbols>> elves = new ConcurrentHashMap<>();

    /** {@code stackMaps} gives the session's STACK_TRACE map by name ("kstacks", "ustacks"), or null. */
    LiveSymbols(Supplier<Kallsyms> kallsyms, Function<String, BpfMap> stackMaps) {
        this.kallsyms = kallsyms;
        this.stackMaps = stackMaps;
    }

    @Override
    public String kernel(long addr, boolean withOffset) {
        return kallsyms.get().lookup(addr)
                .map(s -> withOffset && addr != s.address() ? s.name() + "+" + (addr - s.address()) : s.name())
                .orElse(Symbols.hexAddress(addr));
    }

    @Override
    public String user(long addr, int pid, boolean withOffset) {
        return ProcMaps.find(ProcMaps.read(pid), addr).flatMap(m -> {
            if (m.path() == null || !m.path().startsWith("/")) return Optional.empty();
            Optional<ElfSymbols> elf = elves.computeIfAbsent(m.path(), p -> {
                try {
                    return Optional.of(ElfSymbols.read(Path.of(p)));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            });
            return elf.flatMap(e -> {
                // Executables are linked at fixed addresses; shared objects at their load bias.
                long vaddr = e.isSharedObject() ? e.vaddrOfFileOffset(m.fileOffset(addr)) : addr;
                return e.symbolize(vaddr).map(s -> withOffset && vaddr != s.address()
                        ? s.name() + "+" + (vaddr - s.address()) : s.name());
            });
        }).orElse(Symbols.hexAddress(addr));
    }

    @Override
    public long[] stack(boolean user, long stackId) {
        BpfMap map = stackMaps.apply(user ? ProgramLayout.USER_STACKS : ProgramLayout.KERNEL_STACKS);
        if (map == null || stackId < 0) return new long[0];
        byte[] key = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) stackId).array();
        byte[] frames = map.lookup(key);
        if (frames == null) return new long[0];
        ByteBuffer b = ByteBuffer.wrap(frames).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[frames.length / 8];
        int n = 0;
        while (b.remaining() >= 8) {
            long ip = b.getLong();
            if (ip == 0) break;
            out[n++] = ip;
        }
        return Arrays.copyOf(out, n);
    }
}
