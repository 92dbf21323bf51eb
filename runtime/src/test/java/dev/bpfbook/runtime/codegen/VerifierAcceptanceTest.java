package dev.bpfbook.runtime.codegen;

import dev.bpfbook.runtime.corpus.Corpus;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.linux.BpfMap;
import dev.bpfbook.runtime.RequireBpf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.bpfbook.runtime.codegen.LoadedCompilation.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The proof of the code generator: programs covering the language are compiled, their maps created,
 * relocations patched and every program loaded into the running kernel, which must accept it.
 * BEGIN programs are also run once (BPF_PROG_TEST_RUN) and their output records and maps checked.
 */
class VerifierAcceptanceTest {

    @BeforeAll
    static void needBpf() {
        RequireBpf.check();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN { printf(\"hello\\n\"); exit(); }",
            "BEGIN { printf(\"%d %s %u %x %c %-5d|%5s|\\n\", pid, comm, uid, 255, 65, -3, \"ab\"); exit(); }",
            "tracepoint:syscalls:sys_enter_openat { @opens[comm] = count(); }",
            "t:syscalls:sys_enter_openat /comm == \"bash\"/ { printf(\"%s %s\\n\", comm, str(args->filename)); }",
            "t:syscalls:sys_enter_read { @bytes[pid, comm] = sum(args->count); @h = hist(args->count); @l[tid] = lhist(args->count, 0, 1000, 100); }",
            "t:sched:sched_process_exec { printf(\"%s %d\\n\", str(args->filename), args->pid); @[str(args->filename)] = count(); }",
            "t:sched:sched_switch { @[args->prev_comm, args->next_comm] = count(); if (args->prev_pid == 0) { @idle++; } else { @busy += 1; } }",
            "t:raw_syscalls:sys_enter { @[args->id] = count(); @a0 = args->args[0]; }",
            "t:syscalls:sys_exit_read /args->ret > 0/ { @r = sum(args->ret); }",
            "t:syscalls:sys_exit_read /args.ret > 0 && $1 == 0 && $# == 0/ { @r = sum(args.ret); }",
            "t:syscalls:sys_enter_close,t:syscalls:sys_enter_dup { @[probe] = count(); }",
            "t:syscalls:sys_enter_*read* { @[probe] = count(); }",
            "interval:ms:100 { @ticks++; if (@ticks > 3) { print(@ticks); clear(@ticks); zero(@ticks); exit(); } }",
            "profile:hz:99 { @cpu[cpu] = count(); @t = nsecs; @e = elapsed; @r = rand; }",
            "BEGIN { $a = 1; $b = $a * 3 + 4 / 2 - 7 % 4; $c = $a << 4 | 3 & 1 ^ 2; $d = -$b; $e = !$a; $f = ~$c; $s = \"x\"; $s = comm; printf(\"%d %d %d %d %d %s\\n\", $b, $c, $d, $e, $f, $s); }",
            "BEGIN { $x = 5; $y = $x > 3 && $x < 10 || $x == 0 ? 100 : 200; @v = $y; @w = $x >= 5 ? \"big\" : \"small\"; delete(@v); }",
            "END { printf(\"%s %s\\n\", comm == \"a\" ? \"yes\" : \"no\", comm != comm ? \"ne\" : \"eq\"); print(@x); } BEGIN { @x = 1; @s[\"k\", 2] = \"v\"; @t = @s[\"k\", 2]; }",
            "BEGIN { @a = 1; @b = 2; @c = @a + @b * (@a - @b) / (1 + @a) + (@a + (@b + (@a + (@b + (@a + @b))))); }",
            "BEGIN { @x = 1 + (2 + (3 + (4 + (5 + (6 + (7 + 8)))))) * (pid + (tid + (uid + (gid + (cpu + rand))))); }",
            "t:syscalls:sys_enter_* { @[probe] = count(); }",
            "t:syscalls:sys_enter_execve { printf(\"%s %s %s %s %s %s %s %s %s %s\\n\", comm, str(args->filename), str(args->filename),"
                    + " str(args->filename), str(args->filename), str(args->filename), comm, comm, comm, comm); }",
            "BEGIN { if (pid > 0) { exit(); } else { return; } } END { if (1) { return; } printf(\"x\\n\"); }",
            "t:syscalls:sys_enter_openat { $f = str(args->filename, 16); @files[comm, $f, pid] = count(); @last = $f; }",
    })
    void kernelAcceptsProgram(String source) throws Exception {
        try (LoadedCompilation l = load(source)) {
            assertFalse(l.programs.isEmpty());
        }
    }

    @Test
    void beginPrintfRecordHasFormatAndArgs() throws Exception {
        try (LoadedCompilation l = load("BEGIN { printf(\"%d %s!\\n\", 6 * 7, \"abc\"); exit(); }")) {
            List<ByteBuffer> records = l.runBegin(2);
            ByteBuffer r = records.get(0);
            AsyncAction a = l.action(r);
            AsyncAction.Printf p = assertInstanceOf(AsyncAction.Printf.class, a);
            assertEquals("%d %s!\n", p.format());
            assertEquals(42, r.getLong(p.args().get(0).offset()));
            assertEquals("abc", cstring(r, p.args().get(1).offset(), 4));
            assertInstanceOf(AsyncAction.Exit.class, l.action(records.get(1)));
        }
    }

    @Test
    void largeRecordsGoThroughTheScratchMap() throws Exception {
        try (LoadedCompilation l = load("BEGIN { $s = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\"; "
                + "printf(\"%s %s %s %s %d\\n\", $s, $s, $s, $s, 77); }")) {
            assertTrue(l.compiled.map("record_buf").isPresent());
            List<ByteBuffer> records = l.runBegin(1);
            AsyncAction.Printf p = (AsyncAction.Printf) l.action(records.get(0));
            for (int i = 0; i < 4; i++) {
                assertEquals("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
                        cstring(records.get(0), p.args().get(i).offset(), 64));
            }
            assertEquals(77, records.get(0).getLong(p.args().get(4).offset()));
        }
    }

    @Test
    void exitEndsTheProbe() throws Exception {
        try (LoadedCompilation l = load("BEGIN { exit(); printf(\"after\\n\"); }")) {
            l.runBegin(1);
        }
    }

    @Test
    void arithmeticFollowsBpftrace() throws Exception {
        String src = "BEGIN { @a = 7 * 6 - 2; @b = -7 / 2; @c = 5 / 0; @d = 17 % 5; @e = 1 << 40; @f = -16 >> 2;"
                + " @g = (3 > 2) + (2 > 3) * 10 + (-1 < 0) * 100; @h = 0 || 2; @i = 1 && 0; @j = !5; @k = ~0 ^ 1;"
                + " @l = 1 ? 11 : 12; $x = 3; $x += 4; $x++; @m = $x; @n = \"abc\" == \"abc\"; @o = comm == \"zz\";"
                + " @p = 0 && @side++; @q = 1 || @side++; @r = (1 && @both++) + (0 || @both++); }";
        try (LoadedCompilation l = load(src)) {
            l.runBegin();
            Map<String, Long> want = new LinkedHashMap<>();
            want.put("@a", 40L);
            want.put("@b", Long.divideUnsigned(-7, 2));
            want.put("@c", 0L);
            want.put("@d", 2L);
            want.put("@e", 1L << 40);
            want.put("@f", -16L >>> 2);
            want.put("@g", 101L);
            want.put("@h", 1L);
            want.put("@i", 0L);
            want.put("@j", 0L);
            want.put("@k", -2L);
            want.put("@l", 11L);
            want.put("@m", 8L);
            want.put("@n", 1L);
            want.put("@o", 0L);
            want.put("@p", 0L);
            want.put("@q", 1L);
            want.put("@r", 1L);
            want.put("@both", 2L);
            for (var e : want.entrySet()) assertEquals(e.getValue(), l.u64(e.getKey(), 0), e.getKey());
            assertNull(l.lookup("@side", 0), "short-circuited operands are not evaluated");
        }
    }

    @Test
    void aggregationsFillBuckets() throws Exception {
        String src = "BEGIN { @c = count(); @c = count(); @s = sum(5); @s = sum(7); @h = hist(0); @h = hist(1); @h = hist(1000);"
                + " @h = hist(-3); @l = lhist(25, 0, 100, 10); @l = lhist(-1, 0, 100, 10); @l = lhist(500, 0, 100, 10);"
                + " @k[\"x\", 3] = count(); }";
        try (LoadedCompilation l = load(src)) {
            l.runBegin();
            assertEquals(2, perCpuSum(l.maps.get("@c"), key(0)));
            assertEquals(12, perCpuSum(l.maps.get("@s"), key(0)));
            BpfMap h = l.maps.get("@h");
            assertEquals(1, perCpuSum(h, key(0)), "negative bucket");
            assertEquals(1, perCpuSum(h, key(1)), "zero bucket");
            assertEquals(1, perCpuSum(h, key(2)), "bucket of 1");
            assertEquals(1, perCpuSum(h, key(9 + 2)), "bucket of 1000 = floor(log2 1000) + 2");
            BpfMap lh = l.maps.get("@l");
            assertEquals(1, perCpuSum(lh, key(3)));
            assertEquals(1, perCpuSum(lh, key(0)));
            assertEquals(1, perCpuSum(lh, key(11)));
            MapSpec k = l.compiled.map("@k").orElseThrow();
            byte[] kk = new byte[k.keySize()];
            kk[0] = 'x';
            kk[8] = 3;
            assertEquals(1, perCpuSum(l.maps.get("@k"), kk));
        }
    }

    // ---- kernel types: casts, field chains, *, &, [], sizeof/offsetof, enum constants, probe arguments ----

    @ParameterizedTest
    @ValueSource(strings = {
            // tcpdrop.bt's field chains
            "tracepoint:skb:kfree_skb { $reason = args.reason; $skb = (struct sk_buff *)args.skbaddr;"
                    + " $sk = ((struct sock *) $skb->sk); $inet_family = $sk->__sk_common.skc_family;"
                    + " if ($reason > SKB_DROP_REASON_NOT_SPECIFIED && ($inet_family == 2 || $inet_family == 10)) {"
                    + " $d4 = $sk->__sk_common.skc_daddr; $d6 = $sk->__sk_common.skc_v6_daddr.in6_u.u6_addr8;"
                    + " $s6 = $sk->__sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8;"
                    + " $lport = $sk->__sk_common.skc_num; $dport = $sk->__sk_common.skc_dport; $state = $sk->__sk_common.skc_state;"
                    + " printf(\"%d %d %d %d %d %d\\n\", $d4, $lport, $dport, $state, $d6[15], $s6[0]); } }",
            // vfs-open-path.bt
            "kprobe:vfs_open { printf(\"open path: %s\\n\", str(((struct path *)arg0)->dentry->d_name.name)); }",
            // sched_switch: struct reads through a cast, a bitfield, a nested by-value member, a char array
            "t:sched:sched_switch { $t = (struct task_struct *)args->prev_pid; @[$t->comm] = count();"
                    + " @rt = $t->se.sum_exec_runtime; @ex = $t->in_execve; @pp = $t->real_parent->pid; }",
            // user struct casts, dereference into a $variable, pointer indexing, & and sizeof/offsetof
            "struct Foo { int a; char b[8]; unsigned short c : 3, d : 9; struct Foo *next; }"
                    + " kprobe:vfs_read { $f = (struct Foo *)arg1; @a = $f->a; @b = $f->b; @c = $f->c; @d = $f->d;"
                    + " @n = $f->next->next->a; $v = *$f; @va = $v.a + $v.b[2]; @sz = sizeof(struct Foo) + offsetof(struct Foo, next);"
                    + " $p = (uint32 *)arg1; @x = $p[3]; @y = $p[arg2]; $q = &$f->next; @z = (uint64)*$q; }",
            "kprobe:tcp_sendmsg { $sk = (struct sock *)arg0; $c = &$sk->__sk_common; @fam[$c->skc_family] = count();"
                    + " if ($sk != 0) { @m = (uint8)arg2 + (int16)arg3; } if ($sk) { @t = $sk ? 1 : 0; } }",
            "kretprobe:vfs_read { @r = retval; } kprobe:vfs_read { @f = func; @args = arg0 + arg1 + arg2 + arg3 + arg4 + arg5; @d = *arg1; }",
    })
    void kernelAcceptsKernelTypePrograms(String source) throws Exception {
        RequireBpf.environment(CATALOGUE.vmlinuxBtf().isPresent(), "kernel has no BTF");
        try (LoadedCompilation l = load(source)) {
            assertFalse(l.programs.isEmpty());
        }
    }

    @Test
    void structSeedsVerify() throws Exception {
        RequireBpf.environment(CATALOGUE.vmlinuxBtf().isPresent(), "kernel has no BTF");
        for (String seed : List.of("vfs-open-path", "struct-pointer", "tcpdrop")) {
            try (LoadedCompilation l = load(Corpus.seed(seed + ".bt"))) {
                assertFalse(l.programs.isEmpty(), seed);
            }
        }
    }

    /**
     * Reads the running task's task_struct through a cast of curtask in BEGIN (run in this thread by
     * BPF_PROG_TEST_RUN) and checks the fields against what this process knows about itself.
     */
    @Test
    void readsKernelStructFieldsThroughACast() throws Exception {
        RequireBpf.environment(CATALOGUE.vmlinuxBtf().isPresent(), "kernel has no BTF");
        String src = "struct Head { struct Head *next; struct Head *prev; }"
                + " BEGIN { $t = (struct task_struct *)curtask; @tgid = $t->tgid; @pidok = $t->pid == tid;"
                + " @commok = $t->comm == comm; @ppid = $t->real_parent->tgid; @lh = sizeof(struct list_head);"
                + " @reason = SKB_DROP_REASON_NOT_SPECIFIED; @sameptr = ((struct Head *)&$t->tasks)->next == $t->tasks.next;"
                + " @c0 = $t->comm[0]; @off = offsetof(struct task_struct, tasks) == (uint64)&$t->tasks - (uint64)$t; }";
        try (LoadedCompilation l = load(src)) {
            l.runBegin();
            ProcessHandle self = ProcessHandle.current();
            assertEquals(self.pid(), l.u64("@tgid", 0));
            assertEquals(1, l.u64("@pidok", 0));
            assertEquals(1, l.u64("@commok", 0));
            assertEquals(self.parent().orElseThrow().pid(), l.u64("@ppid", 0));
            assertEquals(16, l.u64("@lh", 0));
            assertEquals(2, l.u64("@reason", 0));
            assertEquals(1, l.u64("@sameptr", 0));
            String comm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/comm")).trim();
            assertEquals(comm.charAt(0), (char) l.u64("@c0", 0));
            assertEquals(1, l.u64("@off", 0));
        }
    }
}
