package cn.xianfeng.dossier.internal;

import cn.xianfeng.evidence.Attachment;

import java.util.List;
import java.util.function.BiConsumer;

/** Streams the contents of attachments, in the list's order, one at a time ({@code CaseFiles.Listed#contents}). */
@FunctionalInterface
public interface AttachmentContents {
    void each(List<Attachment> attachments, BiConsumer<Attachment, byte[]> each);
}
