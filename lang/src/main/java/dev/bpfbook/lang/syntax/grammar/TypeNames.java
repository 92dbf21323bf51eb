package dev.bpfbook.lang.syntax.grammar;

import java.util.Set;

/**
 * Decides, without type information, whether a parenthesised identifier is a type: the parser
 * needs this to tell the cast {@code (uint32)x} from the expression {@code (x) - 1}.
 */
final class TypeNames {
    private TypeNames() {}

    private static final Set<String> KNOWN = Set.of(
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64",
        "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64",
        "__be16", "__be32", "__be64", "__le16", "__le32", "__le64",
        "bool", "char", "short", "int", "long", "unsigned", "signed", "void",
        "string", "inet", "buffer", "usym", "ksym", "timestamp");

    /** Builtin and common C type names; a name ending in "_t" is taken as a typedef. */
    static boolean isKnown(String name) {
        return KNOWN.contains(name) || name.endsWith("_t");
    }

    /**
     * Tokens after {@code (name)} that make it a cast: anything that can start an operand but
     * cannot continue an expression as a binary operator ({@code -}, {@code *}, {@code &}, {@code +}
     * could do both, so "(x) - 1" stays a subtraction unless x is a known type).
     */
    static boolean startsOperand(int tokenType) {
        return switch (tokenType) {
            case BpftraceLexer.INT, BpftraceLexer.CHAR, BpftraceLexer.STRING, BpftraceLexer.MAP,
                 BpftraceLexer.VAR, BpftraceLexer.PARAM, BpftraceLexer.PARAMCOUNT, BpftraceLexer.IDENT,
                 BpftraceLexer.LPAREN, BpftraceLexer.LNOT, BpftraceLexer.BNOT, BpftraceLexer.SIZEOF,
                 BpftraceLexer.OFFSETOF -> true;
            default -> false;
        };
    }
}
