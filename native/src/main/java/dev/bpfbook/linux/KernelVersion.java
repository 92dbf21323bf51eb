package dev.bpfbook.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LINUX_VERSION_CODE of the running kernel (old kernels check it for kprobe programs). */
final class KernelVersion {
    private KernelVersion() {}

    private static final int CODE = parse(System.getProperty("os.version", ""));

    static int code() {
        return CODE;
    }

    static int parse(String release) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(release);
        if (!m.find()) return 0;
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Math.min(255, Integer.parseInt(m.group(3)));
        return (major << 16) | (minor << 8) | patch;
    }
}
