package dev.bpfbook.linux;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** What the kernel says about a map fd (BPF_OBJ_GET_INFO_BY_FD, struct bpf_map_info). */
public record MapInfo(int mapType, int id, int keySize, int valueSize, int maxEntries, int flags, String name) {

    public static MapInfo of(int mapFd) {
        Memory info = new Memory(88);
        info.clear();
        Bpf.Attr attr = Bpf.attr();
        attr.setInt(0, mapFd);
        attr.setInt(4, (int) info.size());
        attr.pointer(8, info);
        Bpf.call(Bpf.Cmd.BPF_OBJ_GET_INFO_BY_FD, attr);
        byte[] name = info.getByteArray(24, 16);
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        return new MapInfo(info.getInt(0), info.getInt(4), info.getInt(8), info.getInt(12), info.getInt(16), info.getInt(20),
                new String(name, 0, len, StandardCharsets.US_ASCII));
    }
}
