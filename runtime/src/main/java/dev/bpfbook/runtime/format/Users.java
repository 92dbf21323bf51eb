package dev.bpfbook.runtime.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** uid → user name from /etc/passwd (what getpwuid answers for local users), for bpftrace's username. */
final class Users {
    private static volatile Map<Long, String> names;

    private Users() {}

    /** The name, or the uid in decimal when there is no such user. */
    static String name(long uid) {
        Map<Long, String> n = names;
        if (n == null) names = n = read();
        return n.getOrDefault(uid, Long.toString(uid));
    }

    private static Map<Long, String> read() {
        Map<Long, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    try {
                        out.putIfAbsent(Long.parseLong(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // a malformed line names no user
                    }
                }
            }
        } catch (IOException ignored) {
            // no passwd file: every uid prints as a number
        }
        return out;
    }
}
