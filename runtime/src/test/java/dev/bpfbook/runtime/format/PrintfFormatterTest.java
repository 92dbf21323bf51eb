package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.bpfbook.runtime.format.Reference.STR;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replays the printf calls of cases/printf.bt through output records laid out like the compiled program's
 * (action id, then each argument at its natural alignment) and compares with bpftrace 0.17's output.
 */
class PrintfFormatterTest {
    private final PrintfFormatter printf = new PrintfFormatter();

    /** Arguments as (Type, value) pairs. */
    private String call(String fmt, Object... typed) {
        List<AsyncAction.Arg> args = new ArrayList<>();
        int off = 8;
        for (int i = 0; i < typed.length; i += 2) {
            Type t = (Type) typed[i];
            int a = t.alignment();
            off = (off + a - 1) / a * a;
            args.add(new AsyncAction.Arg(t, off));
            off += t.size();
        }
        byte[] record = new byte[off];
        for (int i = 0; i < typed.length; i += 2) MapModel.encode((Type) typed[i], typed[i + 1], record, args.get(i / 2).offset());
        return printf.format(new AsyncAction.Printf(fmt, args), record);
    }

    private List<String> calls() {
        Type s64 = Type.S64;
        return List.of(
                call("%5d|%-5d|%x|%s|%-8s|%c|%lu\n", s64, 42, s64, -7, s64, 255, STR, "hi", STR, "ab", s64, 65, s64, -1L),
                call("%d|%u|%x|%X|%d\n", s64, 4294967297L, s64, -1, s64, -1, s64, 3054, s64, -5),
                call("%ld|%lu|%lld|%llu|%lx|%%|%p\n", s64, -1, s64, -1, s64, -2, s64, -2, s64, -1, s64, 4096),
                call("%05d|%-05d|%.3d|%8.3d|%.2s|%10.2s|%-10s|%5c|\n", s64, 42, s64, 42, s64, 7, s64, 7, STR, "hello",
                        STR, "hello", STR, "x", s64, 66),
                call("%hhd|%hd|%hhu|%hu|%hx|%zd|%jd|%td|%lX\n", s64, 300, s64, 70000, s64, -1, s64, -1, s64, -1, s64, -1,
                        s64, -1, s64, -1, s64, 48879),
                call("%d %u %d %u %x %d %u\n", Type.S32, -5, Type.S32, -5, Type.U32, 0xffffffffL, Type.U32, 0xffffffffL,
                        Type.S32, -5, Type.U8, 255, Type.S8, -1),
                call("%%d|%05s|%05c|%.0d|%.0d|%-8p|%p|%8.3s|%r|%-06d|%s\n", s64, 5, STR, "ab", s64, 65, s64, 0, s64, 3,
                        s64, 0, s64, -1, STR, "abcdef", new Type.BufferType(2), new byte[] {'a', 2}, s64, -42, STR, "é"),
                call("100%% done %d%%\n", s64, 7),
                call("%-3d|%3d|%x\n", s64, -12345, s64, -12345, Type.S8, -1),
                call("100%%\n"),
                call("%010ld|%-20lu|%020lx|%.10lld\n", s64, -123456789, s64, 123, s64, 3735928559L, s64, -5),
                call("%s=%d %s=%d\n", STR, "a", s64, 1, STR, "b", s64, 2),
                call("no newline"),
                call("\ttab\\backslash\"quote\u0001\n"));
    }

    @Test
    void textMatchesBpftrace() {
        String captured = Reference.resource("cases/printf.out");
        assertEquals(captured.substring(captured.indexOf('\n') + 1), String.join("", calls()) + "\n\n");
    }

    @Test
    void jsonMatchesBpftrace() {
        String captured = Reference.resource("cases/printf.json.out");
        StringBuilder sb = new StringBuilder();
        for (String s : calls()) sb.append(JsonLines.printf(s));
        assertEquals(captured.substring(captured.indexOf('\n') + 1), sb + "\n\n");
    }
}
