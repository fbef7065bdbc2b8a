package cn.xianfeng.workflow;

/** No form definition has this key. */
public class UnknownFormException extends RuntimeException {

    private final String key;

    public UnknownFormException(String key) {
        super("No form definition with key '" + key + "' (expected forms/" + key + ".form.json)");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
