package dev.bpfbook.lang.ast;

import java.util.List;

/**
 * One attach point as written, e.g. {@code t:syscalls:sys_enter_*}, {@code uprobe:"/a b/c":fn},
 * {@code interval:s:1}, {@code BEGIN}, {@code kprobe:vfs_read+16}.
 * {@code parts} is the text split on ':' outside quotes, with quotes removed; parts.get(0) is the
 * provider exactly as written (alias not expanded). The checker canonicalises and resolves it.
 */
public record AttachPointSpec(String text, List<String> parts, Span span) implements Node {
    public AttachPointSpec {
        parts = List.copyOf(parts);
    }

    public String provider() {
        return parts.get(0);
    }
}
