package cn.xianfeng.workflow;

import java.util.List;

/** A form definition file is not valid; {@link #problems()} lists every problem found. */
public class InvalidFormException extends RuntimeException {

    private final String fileName;
    private final List<String> problems;

    public InvalidFormException(String fileName, List<String> problems) {
        super("Invalid form definition " + fileName + ": " + String.join("; ", problems));
        this.fileName = fileName;
        this.problems = List.copyOf(problems);
    }

    public String fileName() {
        return fileName;
    }

    public List<String> problems() {
        return problems;
    }
}
