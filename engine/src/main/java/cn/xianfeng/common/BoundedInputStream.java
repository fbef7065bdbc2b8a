package cn.xianfeng.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses (413) a stream the moment it has yielded more than {@code limit} bytes, whatever its source claimed. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private final String refusal;
    private long count;

    BoundedInputStream(InputStream in, long limit, String refusal) {
        super(in);
        this.limit = limit;
        this.refusal = refusal;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw new TooLargeException(refusal);
        }
    }
}
