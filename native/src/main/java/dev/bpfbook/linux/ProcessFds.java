package dev.bpfbook.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** This process's open fds by kind, for proving that nothing was left attached. */
public final class ProcessFds {
    private ProcessFds() {}

    public static final String BPF_PROG = "anon_inode:bpf-prog";
    public static final String BPF_MAP = "anon_inode:bpf-map";
    public static final String BPF_LINK = "anon_inode:bpf_link";
    public static final String PERF_EVENT = "anon_inode:[perf_event]";
    public static final String EVENTPOLL = "anon_inode:[eventpoll]";

    /**
     * How many entries of /proc/self/fd link to {@code kind}: a full target such as
     * "anon_inode:bpf-prog", or the part after "anon_inode:" ("bpf-prog", "[perf_event]").
     */
    public static long count(String kind) {
        String target = kind.startsWith("anon_inode:") || kind.startsWith("/") ? kind : "anon_inode:" + kind;
        return byTarget().getOrDefault(target, 0L);
    }

    /** Link target → number of fds, for every open fd of this process. */
    public static Map<String, Long> byTarget() {
        Map<String, Long> counts = new TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    counts.merge(Files.readSymbolicLink(fd).toString(), 1L, Long::sum);
                } catch (IOException e) {
                    // The fd was closed while listing (e.g. the directory stream's own fd).
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
