package cn.xianfeng.workflow.internal;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.FormReferenceChecker;
import org.springframework.stereotype.Component;

/** Lets the form validator check that a named person or an attachment id really exists. */
@Component
class FormReferences implements FormReferenceChecker {

    private final People people;
    private final Attachments attachments;

    FormReferences(People people, Attachments attachments) {
        this.people = people;
        this.attachments = attachments;
    }

    @Override
    public boolean personExists(String username) {
        return people.find(username).isPresent();
    }

    @Override
    public boolean attachmentExists(String attachmentId) {
        return attachments.find(attachmentId).isPresent();
    }
}
