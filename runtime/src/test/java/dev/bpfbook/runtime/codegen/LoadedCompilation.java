package dev.bpfbook.runtime.codegen;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ProbeCatalogue;
import dev.bpfbook.lang.program.ProbeProgram;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.linux.BpfMap;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.RingBuffer;
import dev.bpfbook.linux.Tracefs;
import dev.bpfbook.linux.VerifierException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One compilation in the kernel, without a Session: its maps created, map fds patched into the
 * instructions and every program loaded (the kernel must accept each), not attached. BEGIN can then be
 * run once with BPF_PROG_TEST_RUN and its ring records and maps read back.
 */
final class LoadedCompilation implements AutoCloseable {
    /** This kernel's tracepoints and BTF. */
    static final ProbeCatalogue CATALOGUE = new ProbeCatalogue() {
        public List<String> tracepoints() {
            return Tracefs.events();
        }

        public Optional<String> tracepointFormat(String category, String name) {
            return Tracefs.exists(category, name) ? Optional.of(Tracefs.format(category, name)) : Optional.empty();
        }

        public int possibleCpus() {
            return Runtime.getRuntime().availableProcessors();
        }

        private final Optional<byte[]> btf = readBtf();

        public Optional<byte[]> vmlinuxBtf() {
            return btf;
        }
    };

    /** This kernel's BTF, for kernel types (struct casts, kprobe/kfunc targets). */
    private static Optional<byte[]> readBtf() {
        try {
            return Optional.of(Files.readAllBytes(Path.of("/sys/kernel/btf/vmlinux")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    final CompiledProgram compiled;
    final Map<String, BpfMap> maps = new LinkedHashMap<>();
    /** By attach point name. */
    final Map<String, BpfProgram> programs = new LinkedHashMap<>();

    private LoadedCompilation(CompiledProgram compiled) {
        this.compiled = compiled;
    }

    /** Safe mode, no positional parameters. */
    static CompiledProgram compile(String source) throws CompileException {
        return compile(source, List.of(), false);
    }

    static CompiledProgram compile(String source, List<String> params, boolean unsafe) throws CompileException {
        CompileContext ctx = new CompileContext("stdin", source, CATALOGUE, Map.of(), Map.of(), params, unsafe);
        return Compiler.compile(Parser.parse(source, "stdin"), ctx);
    }

    /** Safe mode, no positional parameters. */
    static LoadedCompilation load(String source) throws CompileException {
        return load(source, List.of(), false);
    }

    /** Safe mode, with positional parameters $1, $2, ... */
    static LoadedCompilation load(String source, List<String> params) throws CompileException {
        return load(source, params, false);
    }

    /** --unsafe, for system() and signal(). */
    static LoadedCompilation loadUnsafe(String source) throws CompileException {
        return load(source, List.of(), true);
    }

    static LoadedCompilation load(String source, List<String> params, boolean unsafe) throws CompileException {
        LoadedCompilation l = new LoadedCompilation(compile(source, params, unsafe));
        try {
            for (MapSpec m : l.compiled.maps()) {
                l.maps.put(m.name(), BpfMap.create(m.mapType(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(),
                        m.name().replace("@", "m_")));
            }
            for (ProbeProgram p : l.compiled.programs()) {
                // relocated() refuses a relocation that is not an ld_imm64 with src_reg BPF_PSEUDO_MAP_FD.
                byte[] insns = p.relocated(name -> l.maps.get(name).fd());
                try {
                    l.programs.put(p.attachPoint().name(), BpfProgram.load(p.progType(), insns, "GPL", p.name(), 0,
                            p.functions().btf(), p.functions().records()));
                } catch (VerifierException e) {
                    fail("verifier rejected " + p.attachPoint().name() + " of\n" + source + "\n" + e.log());
                }
            }
        } catch (RuntimeException | Error e) {
            l.close();
            throw e;
        }
        return l;
    }

    /** Runs BEGIN once; returns the records it wrote to the output ring, and checks none was lost. */
    List<ByteBuffer> runBegin() {
        BpfProgram begin = programs.get("BEGIN");
        assertNotNull(begin, "no BEGIN program");
        begin.testRun(new byte[8]);
        List<ByteBuffer> out = new ArrayList<>();
        try (RingBuffer ring = RingBuffer.open(maps.get(CompiledProgram.OUTPUT_RING))) {
            ring.drain(b -> {
                ByteBuffer copy = ByteBuffer.allocate(b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(b.duplicate());
                copy.flip();
                out.add(copy);
            });
        }
        BpfMap lost = maps.get("lost");
        if (lost != null) assertEquals(0, perCpuSum(lost, new byte[4]), "lost records");
        return out;
    }

    /** runBegin, which must write exactly {@code count} records. */
    List<ByteBuffer> runBegin(int count) {
        List<ByteBuffer> records = runBegin();
        assertEquals(count, records.size(), () -> "records: " + records.stream().map(this::action).toList());
        return records;
    }

    /** The action a ring record belongs to (its first u64 is the action id). */
    AsyncAction action(ByteBuffer record) {
        return compiled.actions().get((int) record.getLong(0));
    }

    /** The raw value of {@code map[key]}, or null where there is none. */
    byte[] lookup(String map, long key) {
        return maps.get(map).lookup(key(key));
    }

    /** The u64 value of {@code map[key]}, which must have been written. */
    long u64(String map, long key) {
        byte[] v = lookup(map, key);
        assertNotNull(v, map + "[" + key + "] not written");
        return u64(v, 0);
    }

    /** The string value of {@code map[key]}, which must have been written. */
    String string(String map, long key) {
        byte[] v = lookup(map, key);
        assertNotNull(v, map + "[" + key + "] not written");
        return cstring(ByteBuffer.wrap(v), 0, v.length);
    }

    static long u64(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static String cstring(ByteBuffer b, int off, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < max && b.get(off + i) != 0; i++) s.append((char) b.get(off + i));
        return s.toString();
    }

    static byte[] key(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** Sum of a per-CPU u64 value; -1 where there is none. */
    static long perCpuSum(BpfMap map, byte[] key) {
        byte[][] values = map.lookupPerCpu(key);
        if (values == null) return -1;
        long s = 0;
        for (byte[] v : values) s += u64(v, 0);
        return s;
    }

    @Override
    public void close() {
        programs.values().forEach(BpfProgram::close);
        maps.values().forEach(BpfMap::close);
    }
}
