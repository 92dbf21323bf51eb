package dev.bpfbook.lang.syntax;

import java.util.Set;

/**
 * bpftrace 0.17's lexer gives builtin variables and function names their own token kinds; syntax
 * errors name them ("unexpected builtin", "unexpected call"). Our lexer keeps them identifiers and
 * only recovers the category for messages.
 */
final class Words {
    private Words() {}

    private static final Set<String> BUILTINS = Set.of(
        "pid", "tid", "uid", "gid", "nsecs", "elapsed", "numaid", "cpu", "curtask", "rand", "ctx", "comm",
        "retval", "func", "probe", "username", "args", "cgroup", "cpid");

    private static final Set<String> CALL_BUILTINS = Set.of("kstack", "ustack");

    private static final Set<String> CALLS = Set.of(
        "printf", "time", "join", "str", "ksym", "usym", "kaddr", "uaddr", "ntop", "reg", "system", "exit",
        "cat", "signal", "strncmp", "override", "buf", "path", "macaddr", "strftime", "count", "sum", "avg",
        "min", "max", "stats", "hist", "lhist", "delete", "print", "clear", "zero", "cgroupid", "kptr", "uptr",
        "bswap", "skboutput", "pton", "strcontains", "cgroup_path", "unwatch", "sizeof");

    static String category(String word) {
        if (BUILTINS.contains(word) || word.matches("s?arg[0-9]")) return "builtin";
        if (CALL_BUILTINS.contains(word)) return "call_builtin";
        if (CALLS.contains(word)) return "call";
        return "identifier";
    }
}
