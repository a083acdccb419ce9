package io.projectionist.ops;

/** A setting is missing or malformed. The message names the setting (and its environment variable), never a secret. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
