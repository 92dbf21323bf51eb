package dev.bpfbook.lang.btf;

import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cross-checks record layouts against Debian's bpftool, when installed ({@code bpftool btf dump file
 * /sys/kernel/btf/vmlinux} prints sizes and member bit offsets). Skips without bpftool, except in CI.
 */
class BtfBpftoolCrossCheckTest {
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    /** Skips where the tool or BTF is truly absent; CI (BPFBOOK_REQUIRE_BPF=1) installs both, so there it fails. */
    private static void require(boolean present, String reason) {
        if (!present && "1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            throw new AssertionError(reason);
        }
        Assumptions.assumeTrue(present, reason);
    }

    @Test
    void recordLayoutsMatchBpftool() throws Exception {
        require(Files.isReadable(VMLINUX), "kernel has no BTF (" + VMLINUX + ")");
        require(new File("/usr/sbin/bpftool").canExecute(), "bpftool not installed (install/install.sh installs it)");
        Process p = new ProcessBuilder("/usr/sbin/bpftool", "btf", "dump", "file", VMLINUX.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor());
        BtfTypes types = new BtfTypes(Btf.parse(Files.readAllBytes(VMLINUX)));
        Pattern head = Pattern.compile("^\\[(\\d+)] (STRUCT|UNION) '([^']*)' size=(\\d+) vlen=(\\d+)$");
        Pattern member = Pattern.compile("^\\s+'([^']*)' type_id=\\d+ bits_offset=(\\d+)( bitfield_size=(\\d+))?$");
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = head.matcher(lines.get(i));
            if (!h.matches()) continue;
            String name = h.group(3);
            if (!List.of("sock", "sock_common", "task_struct", "sk_buff", "list_head", "path", "dentry", "qstr").contains(name)) continue;
            Type.RecordType r = (Type.RecordType) types.type(Integer.parseInt(h.group(1)));
            assertEquals(Integer.parseInt(h.group(4)), r.size(), name);
            int vlen = Integer.parseInt(h.group(5));
            assertEquals(vlen, r.fields().size(), name);
            List<String> mismatches = new ArrayList<>();
            for (int m = 0; m < vlen; m++) {
                Matcher mm = member.matcher(lines.get(i + 1 + m));
                assertTrue(mm.matches(), lines.get(i + 1 + m));
                Type.RecordType.Field f = r.fields().get(m);
                int bits = Integer.parseInt(mm.group(2));
                int width = mm.group(4) == null ? 0 : Integer.parseInt(mm.group(4));
                String expectName = mm.group(1).equals("(anon)") ? "" : mm.group(1);
                if (!f.name().equals(expectName) || f.offset() * 8 + f.bitOffset() != bits || f.bitSize() != width) {
                    mismatches.add(name + "." + f.name() + " vs " + lines.get(i + 1 + m).trim());
                }
            }
            assertEquals(List.of(), mismatches);
            checked++;
        }
        assertTrue(checked >= 8, "checked " + checked + " records");
    }
}
