package cn.xianfeng.meeting.internal;

import com.hankcs.hanlp.HanLP;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Key phrases of the minutes, shown on the record and stored for search. HanLP portable: a pure-Java segmenter
 * whose jar carries its core dictionary, so TextRank keywords need no model download and no service.
 */
@Component
class KeyPhrases {

    private static final int COUNT = 8;

    List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return HanLP.extractKeyword(text, COUNT).stream().filter(w -> w.codePointCount(0, w.length()) > 1).toList();
    }
}
