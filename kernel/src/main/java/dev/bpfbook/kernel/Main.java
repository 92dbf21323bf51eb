package dev.bpfbook.kernel;

public final class Main {
    public static void main(String[] args) {
        System.out.println("bpfbook");
    }
}
