package dev.bpfbook.lang.ast;

public enum BinaryOp {
    MUL("*"), DIV("/"), MOD("%"), ADD("+"), SUB("-"), SHL("<<"), SHR(">>"),
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
    BAND("&"), BXOR("^"), BOR("|"), LAND("&&"), LOR("||");

    public final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public boolean isComparison() {
        return switch (this) { case LT, LE, GT, GE, EQ, NE -> true; default -> false; };
    }

    public boolean isLogical() {
        return this == LAND || this == LOR;
    }
}
