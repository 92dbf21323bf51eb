package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AttachPointSyntaxTest {

    static Probe probe(String source) throws CompileException {
        return Parser.parse(source, "stdin").probes().get(0);
    }

    static List<String> parts(String attach) throws CompileException {
        return probe(attach + " { }").attachPoints().get(0).parts();
    }

    @Test
    void providersAndTargets() throws CompileException {
        assertEquals(List.of("BEGIN"), parts("BEGIN"));
        assertEquals(List.of("END"), parts("END"));
        assertEquals(List.of("kprobe", "vfs_read"), parts("kprobe:vfs_read"));
        assertEquals(List.of("t", "syscalls", "sys_enter_*"), parts("t:syscalls:sys_enter_*"));
        assertEquals(List.of("tracepoint", "sched", "sched*"), parts("tracepoint:sched:sched*"));
        assertEquals(List.of("k", "vfs_?ead"), parts("k:vfs_?ead"));
        assertEquals(List.of("kprobe", "f+0x10"), parts("kprobe:f+0x10"));
        assertEquals(List.of("interval", "s", "1"), parts("interval:s:1"));
        assertEquals(List.of("i", "ms", "100"), parts("i:ms:100"));
        assertEquals(List.of("profile", "hz", "99"), parts("profile:hz:99"));
        assertEquals(List.of("software", "major-faults", "1"), parts("software:major-faults:1"));
        assertEquals(List.of("watchpoint", "0x1234", "8", "rw"), parts("watchpoint:0x1234:8:rw"));
        assertEquals(List.of("kfunc", "vmlinux", "tcp_sendmsg"), parts("kfunc:vmlinux:tcp_sendmsg"));
        assertEquals(List.of("iter", "task"), parts("iter:task"));
        assertEquals(List.of("rawtracepoint", "sched_switch"), parts("rawtracepoint:sched_switch"));
        assertEquals(List.of("usdt", "/usr/lib/libc.so.6", "libc", "setjmp"), parts("usdt:/usr/lib/libc.so.6:libc:setjmp"));
    }

    @Test
    void paths() throws CompileException {
        assertEquals(List.of("uprobe", "/bin/bash", "readline"), parts("uprobe:/bin/bash:readline"));
        assertEquals(List.of("u", "/lib/x86_64-linux-gnu/libc.so.6", "malloc"), parts("u:/lib/x86_64-linux-gnu/libc.so.6:malloc"));
        assertEquals(List.of("uretprobe", "./a.out", "main"), parts("uretprobe:./a.out:main"));
        assertEquals(List.of("uprobe", "../lib/x.so", "f"), parts("uprobe:../lib/x.so:f"));
    }

    @Test
    void quotedParts() throws CompileException {
        AttachPointSpec ap = probe("uprobe:\"/a b/c\":fn { }").attachPoints().get(0);
        assertEquals("uprobe:\"/a b/c\":fn", ap.text());
        assertEquals(List.of("uprobe", "/a b/c", "fn"), ap.parts());
        assertEquals(List.of("uprobe", "/bin/x", "a:b"), parts("uprobe:/bin/x:\"a:b\""));
    }

    @Test
    void pathFollowedByPredicate() throws CompileException {
        Probe p = probe("uprobe:/bin/bash:readline /pid == 1/ { }");
        assertEquals(List.of("uprobe", "/bin/bash", "readline"), p.attachPoints().get(0).parts());
        assertEquals("(== pid 1)", Sexp.of(p.predicate()));
        Probe tight = probe("kprobe:vfs_read/pid == 1/{ }");
        assertEquals("kprobe:vfs_read", tight.attachPoints().get(0).text());
        assertEquals("(== pid 1)", Sexp.of(tight.predicate()));
    }

    @Test
    void multipleAttachPoints() throws CompileException {
        Probe p = probe("tracepoint:syscalls:sys_enter_execve,tracepoint:syscalls:sys_enter_execveat,\n  kprobe:f { }");
        assertEquals(3, p.attachPoints().size());
        assertEquals("kprobe:f", p.attachPoints().get(2).text());
        assertEquals(new Span(2, 3, 2, 11), p.attachPoints().get(2).span());
        assertNull(p.predicate());
    }

    @Test
    void spans() throws CompileException {
        Probe p = probe("BEGIN { @x = 1 }");
        assertEquals(new Span(1, 1, 1, 6), p.attachPoints().get(0).span());
        assertEquals(new Span(1, 1, 1, 17), p.span());
        assertEquals(new Span(1, 7, 1, 17), p.body().span());
        assertEquals(new Span(1, 9, 1, 15), p.body().statements().get(0).span());
    }
}
