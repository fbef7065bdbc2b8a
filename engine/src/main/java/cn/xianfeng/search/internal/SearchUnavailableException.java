package cn.xianfeng.search.internal;

/**
 * The index could not be reached or is failing as a whole (down, overloaded, a missing table): nothing is the
 * documents' fault, so none counts as refused; the indexer tries the same batch again later.
 */
public class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
