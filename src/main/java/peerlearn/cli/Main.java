package peerlearn.cli;

/** Entry point of the {@code tools/peerlearn} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("peerlearn " + Runtime.version());
    }
}
