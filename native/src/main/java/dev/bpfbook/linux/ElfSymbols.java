package dev.bpfbook.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function symbols of an ELF64 little-endian file (.symtab, else .dynsym, both when present)
 * and its loadable segments, for placing uprobes (file offsets) and naming user stack addresses.
 */
public final class ElfSymbols {
    /** A function symbol: its virtual address in the file's own address space and its size. */
    public record Symbol(String name, long address, long size) {}

    /** A PT_LOAD segment. */
    public record Segment(long offset, long vaddr, long fileSize, long memSize, boolean executable) {}

    private static final int SHT_SYMTAB = 2, SHT_DYNSYM = 11;
    private static final int STT_OBJECT = 1, STT_FUNC = 2, STT_GNU_IFUNC = 10;
    private static final int PT_LOAD = 1, PF_X = 1;
    private static final int ET_DYN = 3;

    private final Path path;
    private final boolean sharedObject;
    private final List<Segment> segments;
    private final List<Symbol> byAddress;
    private final Map<String, Symbol> byName;
    /** Data objects (variables) by name, for uaddr("name"). */
    private final Map<String, Symbol> objects;

    private ElfSymbols(Path path, boolean sharedObject, List<Segment> segments, List<Symbol> symbols, Map<String, Symbol> objects) {
        this.objects = Map.copyOf(objects);
        this.path = path;
        this.sharedObject = sharedObject;
        this.segments = List.copyOf(segments);
        List<Symbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingLong(Symbol::address).thenComparing(Symbol::name));
        this.byAddress = List.copyOf(sorted);
        Map<String, Symbol> names = new HashMap<>();
        for (Symbol s : sorted) names.putIfAbsent(s.name(), s);
        this.byName = names;
    }

    /** Reads the symbol tables of {@code file}; throws BpfException when it is not ELF64 LE. */
    public static ElfSymbols read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return parse(file, map.order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new BpfException("elf", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ElfSymbols parse(Path file, ByteBuffer b) {
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f) throw new BpfException("elf", file + " is not an ELF file", null);
        if (b.get(4) != 2 || b.get(5) != 1) throw new BpfException("elf", file + " is not a 64-bit little-endian ELF file", null);
        int type = Short.toUnsignedInt(b.getShort(0x10));
        long phoff = b.getLong(0x20);
        long shoff = b.getLong(0x28);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (b.getInt(p) != PT_LOAD) continue;
            segments.add(new Segment(b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 32), b.getLong(p + 40), (b.getInt(p + 4) & PF_X) != 0));
        }

        List<Symbol> symbols = new ArrayList<>();
        Map<String, Symbol> objects = new HashMap<>();
        // .symtab first (it has local functions too), then .dynsym (all a stripped file keeps);
        // byName prefers the first seen.
        for (int pass = 0; pass < 2; pass++) {
            int wanted = pass == 0 ? SHT_SYMTAB : SHT_DYNSYM;
            for (int i = 0; i < shnum; i++) {
                int sh = (int) (shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != wanted) continue;
                long off = b.getLong(sh + 24);
                long size = b.getLong(sh + 32);
                int link = b.getInt(sh + 40);
                long entsize = b.getLong(sh + 56);
                int strSh = (int) (shoff + (long) link * shentsize);
                long strOff = b.getLong(strSh + 24);
                long strSize = b.getLong(strSh + 32);
                if (entsize == 0) entsize = 24;
                for (long s = off; s + entsize <= off + size; s += entsize) {
                    int info = b.get((int) s + 4) & 0xff;
                    int symType = info & 0xf;
                    int shndx = Short.toUnsignedInt(b.getShort((int) s + 6));
                    long value = b.getLong((int) s + 8);
                    boolean function = symType == STT_FUNC || symType == STT_GNU_IFUNC;
                    if ((!function && symType != STT_OBJECT) || shndx == 0 || value == 0) continue;
                    String name = cString(b, strOff, strSize, b.getInt((int) s));
                    if (name.isEmpty()) continue;
                    if (!function) {
                        objects.putIfAbsent(name, new Symbol(name, value, b.getLong((int) s + 16)));
                        continue;
                    }
                    symbols.add(new Symbol(name, value, b.getLong((int) s + 16)));
                }
            }
        }
        return new ElfSymbols(file, type == ET_DYN, segments, dedupe(symbols), objects);
    }

    private static List<Symbol> dedupe(List<Symbol> symbols) {
        Map<String, Symbol> seen = new HashMap<>();
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : symbols) {
            String key = s.name() + "@" + s.address();
            if (seen.putIfAbsent(key, s) == null) out.add(s);
        }
        return out;
    }

    private static String cString(ByteBuffer b, long tableOff, long tableSize, int index) {
        if (index < 0 || index >= tableSize) return "";
        int start = (int) (tableOff + index);
        int end = start;
        int limit = (int) Math.min(b.limit(), tableOff + tableSize);
        while (end < limit && b.get(end) != 0) end++;
        byte[] bytes = new byte[end - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public Path path() {
        return path;
    }

    /** True for ET_DYN (shared objects and PIE executables): runtime address = load base + address. */
    public boolean isSharedObject() {
        return sharedObject;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Function symbols sorted by address. */
    public List<Symbol> functions() {
        return byAddress;
    }

    public Optional<Symbol> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** A function or data object (variable) symbol by name: its address in the file's own address space and size. */
    public Optional<Symbol> symbol(String name) {
        Symbol f = byName.get(name);
        return f != null ? Optional.of(f) : Optional.ofNullable(objects.get(name));
    }

    /** The file offset of {@code function} in {@code file}: where a uprobe on it is placed. */
    public static long fileOffset(Path file, String function) {
        return read(file).fileOffset(function);
    }

    /** The file offset of function {@code name}, where a uprobe on it is placed. */
    public long fileOffset(String name) {
        Symbol s = find(name).orElseThrow(() -> new BpfException("elf", "no function " + name + " in " + path, null));
        return fileOffset(s.address());
    }

    /** Virtual address → file offset, through the PT_LOAD segment that contains it. */
    public long fileOffset(long vaddr) {
        for (Segment seg : segments) {
            if (vaddr >= seg.vaddr() && vaddr < seg.vaddr() + Math.max(seg.memSize(), seg.fileSize())) {
                return vaddr - seg.vaddr() + seg.offset();
            }
        }
        throw new BpfException("elf", "address 0x" + Long.toHexString(vaddr) + " is in no loadable segment of " + path, null);
    }

    /** File offset → virtual address (for a user address resolved through /proc/PID/maps). */
    public long vaddrOfFileOffset(long offset) {
        for (Segment seg : segments) {
            if (offset >= seg.offset() && offset < seg.offset() + seg.fileSize()) return offset - seg.offset() + seg.vaddr();
        }
        return -1;
    }

    /** The function containing {@code vaddr} (its address ≤ vaddr < address + size, or the nearest below when size is 0). */
    public Optional<Symbol> symbolize(long vaddr) {
        int lo = 0, hi = byAddress.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (byAddress.get(mid).address() <= vaddr) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return Optional.empty();
        Symbol s = byAddress.get(found);
        if (s.size() > 0 && vaddr >= s.address() + s.size()) return Optional.empty();
        return Optional.of(s);
    }
}
