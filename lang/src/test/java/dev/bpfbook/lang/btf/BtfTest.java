package dev.bpfbook.lang.btf;

import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The BTF reader against this machine's /sys/kernel/btf/vmlinux. */
class BtfTest {
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");
    static byte[] bytes;
    static BtfTypes types;

    @BeforeAll
    static void read() throws IOException {
        boolean present = Files.isReadable(VMLINUX);
        if (!present && "1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) fail("no " + VMLINUX);
        Assumptions.assumeTrue(present, "kernel has no BTF");
        bytes = Files.readAllBytes(VMLINUX);
        types = new BtfTypes(Btf.parse(bytes));
    }

    @Test
    void parsesEveryTypeAndReportsParseTime() {
        Btf.parse(bytes); // warm up
        long t0 = System.nanoTime();
        Btf btf = Btf.parse(bytes);
        long t1 = System.nanoTime();
        btf.record("struct sock");
        long t2 = System.nanoTime();
        btf.enumerator("SKB_DROP_REASON_NOT_SPECIFIED");
        long t3 = System.nanoTime();
        btf.function("vfs_open");
        long t4 = System.nanoTime();
        System.out.printf("BTF: %d bytes, %d types; parse %.1f ms, record index %.1f ms, enum index %.1f ms, func index %.1f ms%n",
                bytes.length, btf.typeCount(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        assertTrue(btf.typeCount() > 10_000);
        for (int id = 1; id < btf.typeCount(); id++) btf.kind(id); // every kind is known
    }

    @Test
    void listHeadIsTwoPointers() {
        Type.RecordType lh = types.record("struct list_head").orElseThrow();
        assertEquals(16, lh.size());
        assertEquals(List.of("next", "prev"), lh.fields().stream().map(Type.RecordType.Field::name).toList());
        assertEquals(8, lh.fields().get(1).offset());
        Type.PointerType next = assertInstanceOf(Type.PointerType.class, lh.fields().get(0).type());
        assertEquals("struct list_head", next.pointee().displayName());
    }

    @Test
    void sockStartsWithCommon() {
        Type.RecordType sock = types.record("struct sock").orElseThrow();
        Type.RecordType.Field common = sock.fields().get(0);
        assertEquals("__sk_common", common.name());
        assertEquals(0, common.offset());
        assertEquals("struct sock_common", common.type().displayName());
        Type.RecordType sc = (Type.RecordType) common.type();
        assertTrue(sc.fields().stream().anyMatch(f -> f.name().isEmpty()), "sock_common has anonymous unions");
    }

    @Test
    void taskStructHasPidAndComm() {
        Type.RecordType task = types.record("struct task_struct").orElseThrow();
        Type.RecordType.Field pid = task.fields().stream().filter(f -> f.name().equals("pid")).findFirst().orElseThrow();
        assertEquals(new Type.IntType(4, true), pid.type());
        Type.RecordType.Field comm = task.fields().stream().filter(f -> f.name().equals("comm")).findFirst().orElseThrow();
        assertEquals(new Type.StringType(16), comm.type());
    }

    @Test
    void enumConstantsAndTypedefs() {
        assertEquals(2L, types.enumerator("SKB_DROP_REASON_NOT_SPECIFIED").orElseThrow());
        assertEquals(Type.U32, types.named("u32").orElseThrow());
        assertEquals(new Type.IntType(4, true), types.named("pid_t").orElseThrow());
        assertTrue(types.named("struct no_such_struct_xyz").isEmpty());
    }

    @Test
    void functionPrototypes() {
        BtfTypes.Function f = types.function("vfs_open").orElseThrow();
        assertEquals(2, f.params().size());
        assertEquals("path", f.params().get(0).name());
        assertEquals("struct path", ((Type.PointerType) f.params().get(0).type()).pointee().displayName());
        assertEquals(new Type.IntType(4, true), f.returnType());
        assertTrue(types.functionNames().contains("vfs_read"));
    }

    @Test
    void ptRegsMatchesTheArgumentRegisters() {
        Type.RecordType regs = types.record("struct pt_regs").orElseThrow();
        var at = new java.util.HashMap<String, Integer>();
        for (var f : regs.fields()) at.put(f.name(), f.offset());
        assertEquals(112, at.get("di"));
        assertEquals(104, at.get("si"));
        assertEquals(96, at.get("dx"));
        assertEquals(88, at.get("cx"));
        assertEquals(72, at.get("r8"));
        assertEquals(64, at.get("r9"));
        assertEquals(80, at.get("ax"));
        assertEquals(128, at.get("ip"));
    }
}
