package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolsTest {
    @Test
    void elfFileOffsetMatchesWhereLibcIsMapped() {
        List<ProcMaps.Mapping> maps = ProcMaps.read(-1);
        String libc = ProcMaps.findLibrary(maps, "libc").orElseThrow();
        ElfSymbols elf = ElfSymbols.read(Path.of(libc));
        assertTrue(elf.isSharedObject());
        assertTrue(elf.functions().size() > 1000, "libc functions: " + elf.functions().size());

        // The loaded getppid's runtime address, through /proc/self/maps, is the ELF symbol's file offset.
        long runtime = com.sun.jna.Pointer.nativeValue(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("getppid"));
        ProcMaps.Mapping m = ProcMaps.find(maps, runtime).orElseThrow();
        assertEquals(libc, m.path());
        assertTrue(m.executable());
        assertEquals(elf.fileOffset("getppid"), m.fileOffset(runtime));

        long vaddr = elf.vaddrOfFileOffset(m.fileOffset(runtime));
        long getppid = elf.find("getppid").orElseThrow().address();
        assertEquals(getppid, vaddr);
        assertEquals(getppid, elf.symbolize(vaddr).orElseThrow().address());
        assertEquals(getppid, elf.symbolize(vaddr + 1).orElseThrow().address());
    }

    @Test
    void elfRejectsNonElf() {
        assertThrows(BpfException.class, () -> ElfSymbols.read(Path.of("/proc/self/status")));
    }

    @Test
    void procMapsLineParsing() {
        ProcMaps.Mapping m = ProcMaps.parseLine("7f2c1a028000-7f2c1a19d000 r-xp 00028000 fe:01 1234   /usr/lib/x86_64-linux-gnu/libc.so.6");
        assertEquals(0x7f2c1a028000L, m.start());
        assertEquals(0x28000L, m.offset());
        assertEquals("/usr/lib/x86_64-linux-gnu/libc.so.6", m.path());
        assertEquals(0x28010L, m.fileOffset(0x7f2c1a028010L));
        assertEquals("", ProcMaps.parseLine("7ffd-7ffe rw-p 00000000 00:00 0").path());
    }

    @Test
    void kallsymsParsingAndLookup() throws Exception {
        String text = "ffffffff81000000 T _stext\n"
                + "ffffffff81000100 t do_thing\n"
                + "0000000000000000 A fixed_percpu_data\n"
                + "ffffffffc0001000 t mod_fn\t[my_mod]\n";
        Kallsyms k = Kallsyms.parse(new StringReader(text));
        assertEquals(3, k.size());
        assertEquals("_stext", k.symbolize(0xffffffff81000000L));
        assertEquals("do_thing+16", k.symbolize(0xffffffff81000110L));
        assertEquals("my_mod", k.lookup(0xffffffffc0001004L).orElseThrow().module());
        assertEquals("0x1000", k.symbolize(0x1000));
        assertEquals(0xffffffff81000100L, k.address("do_thing").orElseThrow());
    }

    @Test
    void liveKallsymsHasTheKernelText() {
        Kallsyms k = Kallsyms.load();
        if (k.address("_stext").isEmpty()) return; // addresses hidden (kptr_restrict, not root): nothing to check
        long stext = k.address("_stext").getAsLong();
        assertTrue(k.size() > 10_000);
        long schedule = k.address("schedule").orElseThrow();
        assertEquals("schedule", k.symbolize(schedule));
        assertTrue(k.symbolize(schedule + 1).startsWith("schedule+1"));
        assertTrue(Long.compareUnsigned(schedule, stext) > 0);
    }
}
