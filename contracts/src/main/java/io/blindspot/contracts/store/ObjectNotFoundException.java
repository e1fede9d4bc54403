package io.blindspot.contracts.store;

/** No object under the key asked for. */
public class ObjectNotFoundException extends ObjectStoreException {
    private final String key;

    public ObjectNotFoundException(String key) {
        super("no object '" + key + "' in the store");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
