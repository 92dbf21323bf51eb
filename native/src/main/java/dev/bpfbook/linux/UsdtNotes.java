package dev.bpfbook.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The USDT probe sites of an ELF64 little-endian file: the NT_STAPSDT notes of its {@code .note.stapsdt}
 * section (SystemTap's SDT format, also written by DTrace-style {@code sys/sdt.h} probes).
 */
public final class UsdtNotes {
    private UsdtNotes() {}

    /**
     * One probe site. {@code address} and {@code semaphore} are addresses in the file's own address space,
     * already moved by the difference between the {@code .stapsdt.base} section's real address and the
     * {@code base} the note recorded (they differ only after prelinking); {@code semaphore} is 0 when the
     * probe has no is-enabled counter. {@code arguments} is the note's argument text ("-4@%edi 8@%rsi").
     */
    public record Note(String provider, String name, long address, long base, long semaphore, String arguments) {}

    private static final int SHT_NOTE = 7, NT_STAPSDT = 3;

    /** The notes of {@code file}, in file order; throws BpfException when it is not a readable ELF64 LE file. */
    public static List<Note> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            return parse(file, b);
        } catch (IOException e) {
            throw new BpfException("elf", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Note> parse(Path file, ByteBuffer b) {
        if (b.limit() < 64 || b.getInt(0) != 0x464c457f || b.get(4) != 2 || b.get(5) != 1) {
            throw new BpfException("elf", file + " is not a 64-bit little-endian ELF file", null);
        }
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3a));
        int shnum = Short.toUnsignedInt(b.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3e));
        if (shoff == 0 || shstrndx >= shnum) return List.of();
        long namesOff = b.getLong((int) (shoff + (long) shstrndx * shentsize) + 24);

        long realBase = -1;
        List<int[]> noteSections = new ArrayList<>(); // {offset, size}
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            String name = cString(b, (int) (namesOff + Integer.toUnsignedLong(b.getInt(sh))));
            if (name.equals(".stapsdt.base")) realBase = b.getLong(sh + 16);
            if (name.equals(".note.stapsdt") && b.getInt(sh + 4) == SHT_NOTE) {
                noteSections.add(new int[] {(int) b.getLong(sh + 24), (int) b.getLong(sh + 32)});
            }
        }
        List<Note> out = new ArrayList<>();
        for (int[] sec : noteSections) {
            int p = sec[0], end = sec[0] + sec[1];
            while (p + 12 <= end) {
                int namesz = b.getInt(p), descsz = b.getInt(p + 4), type = b.getInt(p + 8);
                int nameAt = p + 12;
                int descAt = nameAt + align4(namesz);
                p = descAt + align4(descsz);
                if (type != NT_STAPSDT || !cString(b, nameAt).equals("stapsdt") || descsz < 24) continue;
                long pc = b.getLong(descAt), base = b.getLong(descAt + 8), semaphore = b.getLong(descAt + 16);
                int s = descAt + 24;
                String provider = cString(b, s);
                s += provider.getBytes(StandardCharsets.UTF_8).length + 1;
                String name = cString(b, s);
                s += name.getBytes(StandardCharsets.UTF_8).length + 1;
                String args = s < descAt + descsz ? cString(b, s) : "";
                long shift = realBase >= 0 && base != 0 ? realBase - base : 0;
                out.add(new Note(provider, name, pc + shift, base, semaphore == 0 ? 0 : semaphore + shift, args));
            }
        }
        return out;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static String cString(ByteBuffer b, int start) {
        int end = start;
        while (end < b.limit() && b.get(end) != 0) end++;
        byte[] bytes = new byte[end - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
