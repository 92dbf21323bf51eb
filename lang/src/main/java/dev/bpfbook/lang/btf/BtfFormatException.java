package dev.bpfbook.lang.btf;

/** The bytes are not valid BTF (bad magic, truncated sections, unknown kinds). */
public final class BtfFormatException extends RuntimeException {
    public BtfFormatException(String message) {
        super(message);
    }
}
