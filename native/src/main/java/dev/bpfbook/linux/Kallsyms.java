package dev.bpfbook.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The kernel's symbol table (/proc/kallsyms), sorted for address → symbol lookups. */
public final class Kallsyms {
    /** A kernel symbol; module is null for the core kernel. */
    public record Symbol(long address, char type, String name, String module) {}

    private final long[] addresses;
    private final Symbol[] symbols;
    private final Map<String, Symbol> byName;

    private Kallsyms(List<Symbol> list) {
        Symbol[] arr = list.toArray(new Symbol[0]);
        Arrays.sort(arr, (a, b) -> Long.compareUnsigned(a.address(), b.address()));
        symbols = arr;
        addresses = new long[arr.length];
        byName = new HashMap<>(arr.length * 2);
        for (int i = 0; i < arr.length; i++) {
            addresses[i] = arr[i].address();
            byName.putIfAbsent(arr[i].name(), arr[i]);
        }
    }

    /** Reads /proc/kallsyms. Addresses read as 0 when kptr_restrict hides them from this process. */
    public static Kallsyms load() {
        try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/kallsyms"), StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new BpfException("kallsyms", "cannot read /proc/kallsyms: " + e.getMessage(), e);
        }
    }

    static Kallsyms parse(Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader br ? br : new BufferedReader(in);
        List<Symbol> list = new ArrayList<>();
        Map<String, String> modules = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            // "ffffffff81000000 T _stext" or "ffffffffc0000000 t fn\t[module]"
            int sp1 = line.indexOf(' ');
            if (sp1 <= 0 || sp1 + 3 > line.length()) continue;
            long addr = Long.parseUnsignedLong(line, 0, sp1, 16);
            if (addr == 0) continue;
            char type = line.charAt(sp1 + 1);
            int nameStart = sp1 + 3;
            int tab = line.indexOf('\t', nameStart);
            String name = tab < 0 ? line.substring(nameStart) : line.substring(nameStart, tab);
            String module = null;
            if (tab >= 0) {
                String m = line.substring(tab + 1).trim();
                if (m.startsWith("[") && m.endsWith("]")) m = m.substring(1, m.length() - 1);
                module = modules.computeIfAbsent(m, k -> k);
            }
            list.add(new Symbol(addr, type, name, module));
        }
        return new Kallsyms(list);
    }

    public int size() {
        return symbols.length;
    }

    /** The symbol at or nearest below {@code address}, if any. */
    public Optional<Symbol> lookup(long address) {
        int lo = 0, hi = addresses.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(symbols[found]);
    }

    /** "name+0xoff" (bpftrace's kstack form, "name" when the offset is 0) or the hex address. */
    public String symbolize(long address) {
        return lookup(address)
                .map(s -> address == s.address() ? s.name() : s.name() + "+" + (address - s.address()))
                .orElse("0x" + Long.toHexString(address));
    }

    public OptionalLong address(String name) {
        Symbol s = byName.get(name);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.address());
    }

    /** Names of text (function) symbols, t or T, in address order without duplicates. */
    public List<String> functionNames() {
        return Arrays.stream(symbols).filter(s -> s.type() == 't' || s.type() == 'T').map(Symbol::name).distinct().toList();
    }

    public Optional<Symbol> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
