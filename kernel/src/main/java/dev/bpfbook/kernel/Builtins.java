package dev.bpfbook.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of documentation for every name bpftrace gives meaning to: builtin variables, functions and
 * probe types. Completion offers these names and inspection shows these lines.
 */
final class Builtins {
    private Builtins() {
    }

    static final Map<String, String> VARIABLES = table(
            "pid", "pid: process id (the kernel's tgid) of the current task, u32",
            "tid", "tid: thread id (the kernel's pid) of the current task, u32",
            "uid", "uid: real user id of the current task, u64",
            "gid", "gid: real group id of the current task, u64",
            "username", "username: user name of the current task's uid, string",
            "nsecs", "nsecs: monotonic clock in nanoseconds (bpf_ktime_get_ns), u64",
            "elapsed", "elapsed: nanoseconds since the program started, u64",
            "jiffies", "jiffies: the kernel's jiffies counter, u64",
            "numaid", "numaid: NUMA node of the CPU running the probe, u32",
            "cpu", "cpu: id of the CPU running the probe, u32",
            "comm", "comm: name of the current task, string[16]",
            "kstack", "kstack: kernel stack of the probe, as a stack (same as kstack())",
            "ustack", "ustack: user stack of the probe, as a stack (same as ustack())",
            "arg0", "arg0..arg9: the Nth argument of a kprobe or uprobe, u64",
            "sarg0", "sarg0..sarg9: the Nth argument read from the stack (stack-passed arguments), u64",
            "retval", "retval: the return value in kretprobe and uretprobe, u64",
            "func", "func: name of the traced function, string",
            "probe", "probe: full name of the probe that fired, e.g. tracepoint:syscalls:sys_enter_read",
            "curtask", "curtask: pointer to the current task's struct task_struct",
            "rand", "rand: a pseudo-random number (bpf_get_prandom_u32), u32",
            "cgroup", "cgroup: id of the current task's cgroup v2 (bpf_get_current_cgroup_id), u64",
            "cpid", "cpid: pid of the child process started with -c",
            "args", "args: the probe's arguments as a record (tracepoint fields, kfunc/uprobe parameters)",
            "$1", "$1, $2, ...: positional parameters given on the command line",
            "$#", "$#: number of positional parameters");

    static final Map<String, String> FUNCTIONS = table(
            "printf", "printf(fmt, ...): print formatted text, as C printf (%d %u %x %s %c %p %lu ...)",
            "print", "print(@map [, top [, div]]) / print(value): print a map or a value now",
            "time", "time([fmt]): print the current time, formatted as strftime (default \"%H:%M:%S\\n\")",
            "join", "join(char *arr[] [, sep]): print a NULL-terminated array of strings, joined by sep (default \" \")",
            "str", "str(char *s [, len]): read a NUL-terminated string from kernel or user memory",
            "buf", "buf(void *d [, len]): read len bytes as a buffer, printed as hex escapes with %r",
            "ksym", "ksym(addr): kernel symbol name of an address",
            "usym", "usym(addr): user symbol name of an address in the current process",
            "kaddr", "kaddr(\"name\"): address of a kernel symbol",
            "uaddr", "uaddr(\"name\"): address of a symbol in the probed user binary",
            "kptr", "kptr(p): treat p as a kernel pointer",
            "uptr", "uptr(p): treat p as a user pointer",
            "reg", "reg(\"name\"): value of a CPU register of the probed context, e.g. reg(\"ip\")",
            "system", "system(fmt, ...): run a shell command (needs --unsafe)",
            "exit", "exit(): end the program: END runs, probes detach, maps are printed",
            "cgroupid", "cgroupid(\"/sys/fs/cgroup/path\"): cgroup id of a cgroup v2 path",
            "cgroup_path", "cgroup_path(id [, filter]): path of a cgroup id",
            "ntop", "ntop([af,] addr): an IPv4 or IPv6 address as text",
            "pton", "pton(\"addr\"): an IPv4 or IPv6 address text as bytes",
            "kstack", "kstack([mode] [, limit]): kernel stack trace (mode bpftrace or perf)",
            "ustack", "ustack([mode] [, limit]): user stack trace (mode bpftrace or perf)",
            "cat", "cat(\"file\"): print a file's contents",
            "signal", "signal(sig): send a signal to the current task (needs --unsafe)",
            "strncmp", "strncmp(s1, s2, n): compare at most n characters; 0 when equal",
            "strcontains", "strcontains(haystack, needle): 1 when needle occurs in haystack",
            "override", "override(rc): override a kprobe'd function's return value (needs --unsafe)",
            "sizeof", "sizeof(type or expr): size in bytes",
            "offsetof", "offsetof(struct, field): byte offset of a field",
            "strftime", "strftime(fmt, nsecs): a timestamp to be printed with %s as strftime(fmt)",
            "path", "path(struct path *): full path of a path struct (kfunc probes)",
            "macaddr", "macaddr(addr): a 6-byte MAC address as text",
            "bswap", "bswap(n): reverse the bytes of an integer",
            "skboutput", "skboutput(file, skb, len, offset): write packets to a pcap file",
            "len", "len(ustack or kstack): number of frames in a stack",
            "count", "count(): @m = count() counts events per key",
            "sum", "sum(n): @m = sum(n) adds up n per key",
            "avg", "avg(n): @m = avg(n) averages n per key",
            "min", "min(n): @m = min(n) keeps the smallest n per key",
            "max", "max(n): @m = max(n) keeps the largest n per key",
            "stats", "stats(n): @m = stats(n) keeps count, average and total of n per key",
            "hist", "hist(n): @m = hist(n) power-of-two histogram of n",
            "lhist", "lhist(n, min, max, step): @m = lhist(...) linear histogram of n",
            "delete", "delete(@m[key]): remove one element of a map",
            "clear", "clear(@m): remove every element of a map",
            "zero", "zero(@m): set every value of a map to zero",
            "has_key", "has_key(@m, key): 1 when the map has the key");

    static final Map<String, String> PROBE_TYPES = table(
            "BEGIN", "BEGIN: runs once, before any other probe",
            "END", "END: runs once, after exit() or an interrupt, before maps are printed",
            "kprobe", "kprobe:function: entry of a kernel function (args in arg0..arg9)",
            "kretprobe", "kretprobe:function: return of a kernel function (retval)",
            "uprobe", "uprobe:binary:function: entry of a user function",
            "uretprobe", "uretprobe:binary:function: return of a user function (retval)",
            "tracepoint", "tracepoint:category:event: a kernel static tracepoint (fields in args)",
            "rawtracepoint", "rawtracepoint:event: a raw kernel tracepoint (arguments in arg0..)",
            "usdt", "usdt:binary:[provider:]probe: a user statically defined tracepoint",
            "profile", "profile:hz:N / profile:s:N / profile:ms:N / profile:us:N: timed sampling on every CPU",
            "interval", "interval:s:N / interval:ms:N / interval:us:N / interval:hz:N: a timer on one CPU",
            "software", "software:event[:count]: a kernel software event (cpu-clock, page-faults, ...)",
            "hardware", "hardware:event[:count]: a hardware PMU event (cycles, cache-misses, ...)",
            "watchpoint", "watchpoint:address:length:mode: a hardware watchpoint",
            "asyncwatchpoint", "asyncwatchpoint:address:length:mode: a watchpoint whose action runs later",
            "kfunc", "kfunc:function: entry of a kernel function through BTF (fentry; typed args)",
            "kretfunc", "kretfunc:function: return of a kernel function through BTF (fexit; retval, args)",
            "fentry", "fentry:function: same as kfunc",
            "fexit", "fexit:function: same as kretfunc",
            "iter", "iter:task / iter:task_file ...: a BPF iterator over kernel objects");

    private static Map<String, String> table(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
