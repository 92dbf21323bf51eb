package dev.bpfbook.lang.check;

import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TracepointFormatTest {
    @Test
    void syscallRecordWithPointerAndWidenedInts() {
        TracepointFormat f = TracepointFormat.parse("syscalls", "sys_enter_openat", TestCatalogue.resource("sys_enter_openat"));
        assertEquals(9, f.fields().size());
        assertEquals(5, f.argFields().size());
        var nr = f.field("__syscall_nr").orElseThrow();
        assertEquals(8, nr.offset());
        assertEquals(new Type.IntType(4, true), nr.type());
        var dfd = f.field("dfd").orElseThrow();
        assertEquals(16, dfd.offset());
        assertEquals(Type.S64, dfd.type(), "an int stored in 8 bytes reads as int64, as bpftrace does");
        var filename = f.field("filename").orElseThrow();
        assertEquals(TracepointFormat.Kind.POINTER, filename.kind());
        assertEquals("const char *", filename.cType());
        assertEquals(24, filename.offset());
        assertEquals(new Type.PointerType(Type.U8), filename.type());
        var mode = f.field("mode").orElseThrow();
        assertEquals(40, mode.offset());
        assertEquals(Type.U64, mode.type());
        assertTrue(f.field("common_pid").orElseThrow().isCommon());
    }

    @Test
    void dataLocString() {
        TracepointFormat f = TracepointFormat.parse("sched", "sched_process_exec", TestCatalogue.resource("sched_process_exec"));
        var filename = f.field("filename").orElseThrow();
        assertEquals(TracepointFormat.Kind.DATA_LOC, filename.kind());
        assertEquals(8, filename.offset());
        assertEquals(4, filename.size());
        assertEquals("char", filename.elementType());
        assertEquals(new Type.IntType(4, true), f.field("pid").orElseThrow().type());
    }

    @Test
    void charAndIntArrays() {
        TracepointFormat sw = TracepointFormat.parse("sched", "sched_switch", TestCatalogue.resource("sched_switch"));
        var prev = sw.field("prev_comm").orElseThrow();
        assertTrue(prev.isCharArray());
        assertEquals(new Type.StringType(16), prev.type());
        assertEquals(8, prev.offset());
        assertEquals(Type.S64, sw.field("prev_state").orElseThrow().type());
        TracepointFormat raw = TracepointFormat.parse("raw_syscalls", "sys_enter", TestCatalogue.resource("raw_sys_enter"));
        var args = raw.field("args").orElseThrow();
        assertEquals(new Type.ArrayType(Type.U64, 6), args.type());
        assertEquals(16, args.offset());
    }

    @Test
    void handWrittenLines() {
        String text = """
                \tfield:unsigned int fd;\toffset:16;\tsize:8;\tsigned:0;
                \tfield:char * buf;\toffset:24;\tsize:8;\tsigned:0;
                \tfield:char comm[TASK_COMM_LEN];\toffset:32;\tsize:16;\tsigned:0;
                \tfield:__data_loc char[] name;\toffset:48;\tsize:4;\tsigned:0;
                print fmt: "whatever"
                """;
        TracepointFormat f = TracepointFormat.parse("x", "y", text);
        assertEquals(Type.U64, f.field("fd").orElseThrow().type());
        assertEquals(TracepointFormat.Kind.POINTER, f.field("buf").orElseThrow().kind());
        assertEquals(new Type.StringType(16), f.field("comm").orElseThrow().type());
        assertEquals(TracepointFormat.Kind.DATA_LOC, f.field("name").orElseThrow().kind());
    }

    /** C type text maps to pointer chains with their targets: argv is a pointer to pointers to char. */
    @Test
    void pointerFieldsKeepTheirTargetTypes() {
        String text = String.join("\n",
                "\tfield:const char *const * argv;\toffset:24;\tsize:8;\tsigned:0;",
                "\tfield:int * upeer_addrlen;\toffset:32;\tsize:8;\tsigned:0;",
                "\tfield:const unsigned long * nmask;\toffset:40;\tsize:8;\tsigned:0;",
                "\tfield:struct iovec * vec;\toffset:48;\tsize:8;\tsigned:0;",
                "\tfield:void * buf;\toffset:56;\tsize:8;\tsigned:0;");
        TracepointFormat f = TracepointFormat.parse("syscalls", "x", text);
        assertEquals(new Type.PointerType(new Type.PointerType(Type.U8)), f.field("argv").orElseThrow().type());
        assertEquals(new Type.PointerType(Type.S32), f.field("upeer_addrlen").orElseThrow().type());
        assertEquals(new Type.PointerType(Type.U64), f.field("nmask").orElseThrow().type());
        assertEquals(new Type.PointerType(Type.U64), f.field("buf").orElseThrow().type(), "void targets read as u64");
        Type.RecordType iovec = new Type.RecordType("struct iovec", 16, java.util.List.of());
        assertEquals(new Type.PointerType(iovec), f.field("vec").orElseThrow()
                .type(n -> n.equals("struct iovec") ? java.util.Optional.of(iovec) : java.util.Optional.empty()));
        assertEquals(new Type.PointerType(Type.U64), f.field("vec").orElseThrow().type(), "records are unknown without a lookup");
    }
}
