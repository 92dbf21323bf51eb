package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.program.FunctionInfo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The smallest BTF that describes a program's functions: {@code int}, {@code void *}, one prototype for the
 * probe {@code int (void *ctx)}, one for callbacks {@code int (void *map, void *key, void *value, void *data)},
 * and a static FUNC per function. Static linkage is what the verifier wants of callbacks.
 */
public final class FunctionBtf {
    private static final int KIND_INT = 1, KIND_PTR = 2, KIND_FUNC = 12, KIND_FUNC_PROTO = 13;
    private static final int INT_ID = 1, PTR_ID = 2, PROBE_PROTO = 3, CALLBACK_PROTO = 4;

    private FunctionBtf() {}

    /** Function 0 is the probe; the others start at {@code starts.get(i)} and are callbacks. */
    public static FunctionInfo of(List<Integer> starts) {
        if (starts.size() <= 1) return FunctionInfo.NONE;
        Strings strings = new Strings();
        ByteBuffer types = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        // [1] int: signed, 32 bits.
        types.putInt(strings.add("int")).putInt(KIND_INT << 24).putInt(4).putInt((1 << 24) | 32);
        // [2] void *
        types.putInt(0).putInt(KIND_PTR << 24).putInt(0);
        // [3] int (void *ctx)
        types.putInt(0).putInt((KIND_FUNC_PROTO << 24) | 1).putInt(INT_ID);
        types.putInt(strings.add("ctx")).putInt(PTR_ID);
        // [4] int (void *map, void *key, void *value, void *data)
        types.putInt(0).putInt((KIND_FUNC_PROTO << 24) | 4).putInt(INT_ID);
        for (String p : new String[] {"map", "key", "value", "data"}) types.putInt(strings.add(p)).putInt(PTR_ID);
        ByteBuffer records = ByteBuffer.allocate(starts.size() * FunctionInfo.RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < starts.size(); i++) {
            int id = 5 + i;
            String name = i == 0 ? "probe" : "for_body_" + i;
            types.putInt(strings.add(name)).putInt(KIND_FUNC << 24 /* vlen 0: static */).putInt(i == 0 ? PROBE_PROTO : CALLBACK_PROTO);
            records.putInt(starts.get(i)).putInt(id);
        }
        byte[] typeBytes = java.util.Arrays.copyOf(types.array(), types.position());
        byte[] strBytes = strings.bytes();
        ByteBuffer btf = ByteBuffer.allocate(24 + typeBytes.length + strBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        btf.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24);
        btf.putInt(0).putInt(typeBytes.length).putInt(typeBytes.length).putInt(strBytes.length);
        btf.put(typeBytes).put(strBytes);
        return new FunctionInfo(btf.array(), records.array());
    }

    /** The string section: starts with the empty string at offset 0. */
    private static final class Strings {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Strings() {
            out.write(0);
        }

        int add(String s) {
            int off = out.size();
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            return off;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
