package dev.bpfbook.lang.ast;

public enum UnaryOp {
    NEG("-"), PLUS("+"), NOT("!"), BNOT("~"), DEREF("*"), ADDR("&");

    public final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }
}
