package peerlearn.experiment;

/**
 * One configuration key: its name (also the command-line flag {@code --name}), its default
 * ({@code ""} for none), and a one-line description for {@code --help} and {@code config.properties}.
 */
public record ConfigKey(String name, String defaultValue, String description) {}
