package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.Wildcard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * cgroup_path(id): a cgroup's id is the inode number of its directory, so each mounted cgroup hierarchy is
 * searched for a directory with that inode. Printed as bpftrace does: "NAME:/path" for each hierarchy that
 * has it, joined by commas, cgroup v2 ("unified") first and v1 hierarchies by name.
 */
final class CgroupPaths {
    /** A mounted hierarchy: "unified" for cgroup2, else its controllers ("cpu,cpuacct") or name= value. */
    record Hierarchy(String name, Path root) {}

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    /** The paths of cgroup {@code id} in the hierarchies whose names match the glob {@code filter} ("" for all). */
    String describe(long id, String filter) {
        return cache.computeIfAbsent(id + "\0" + filter, k -> {
            Pattern glob = filter.isEmpty() ? null : Wildcard.pattern(filter);
            List<String> out = new ArrayList<>();
            for (Hierarchy h : hierarchies()) {
                if (glob != null && !glob.matcher(h.name()).matches()) continue;
                find(h.root(), id).ifPresent(dir -> out.add(h.name() + ":/" + h.root().relativize(dir).toString()));
            }
            return String.join(",", out);
        });
    }

    static List<Hierarchy> hierarchies() {
        List<Hierarchy> unified = new ArrayList<>(), legacy = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            return List.of();
        }
        Set<String> controllers = controllers();
        for (String line : lines) {
            // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTS"
            int dash = line.indexOf(" - ");
            if (dash < 0) continue;
            String[] head = line.substring(0, dash).split(" ");
            String[] tail = line.substring(dash + 3).split(" ");
            if (head.length < 5 || tail.length < 3) continue;
            Path root = Path.of(head[4].replace("\\040", " "));
            if (tail[0].equals("cgroup2")) {
                unified.add(new Hierarchy("unified", root));
            } else if (tail[0].equals("cgroup")) {
                List<String> names = new ArrayList<>();
                for (String opt : tail[2].split(",")) {
                    if (opt.startsWith("name=")) names.add(opt.substring(5));
                    else if (controllers.contains(opt)) names.add(opt);
                }
                if (!names.isEmpty()) legacy.add(new Hierarchy(String.join(",", names), root));
            }
        }
        legacy.sort(Comparator.comparing(Hierarchy::name));
        List<Hierarchy> all = new ArrayList<>(unified.isEmpty() ? List.of() : List.of(unified.get(0)));
        all.addAll(legacy);
        return all;
    }

    /** Controller names from /proc/cgroups (its first column). */
    private static Set<String> controllers() {
        try {
            Set<String> out = new java.util.HashSet<>();
            for (String l : Files.readAllLines(Path.of("/proc/cgroups"))) {
                if (!l.startsWith("#") && !l.isBlank()) out.add(l.split("\\s+")[0]);
            }
            return out;
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static Optional<Path> find(Path root, long inode) {
        try (Stream<Path> dirs = Files.walk(root)) {
            return dirs.filter(Files::isDirectory).filter(d -> inode(d) == inode).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

}
