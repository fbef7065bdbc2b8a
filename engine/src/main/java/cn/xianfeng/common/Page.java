package cn.xianfeng.common;

import java.util.List;

/** One page of a list and the size of the whole list. */
public record Page<T>(List<T> items, long total) {

    public static int clampSize(int size) {
        return Math.max(1, Math.min(size, 200));
    }
}
