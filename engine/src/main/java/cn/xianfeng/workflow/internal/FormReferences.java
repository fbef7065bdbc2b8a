package cn.xianfeng.workflow.internal;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.FormReferenceChecker;
import org.springframework.stereotype.Component;

/** Lets the form validator check that a named person, an org code or an attachment id really exists. */
@Component
class FormReferences implements FormReferenceChecker {

    private final People people;
    private final Attachments attachments;
    private final cn.xianfeng.org.Orgs orgs;
    private final cn.xianfeng.org.Lookups lookups;

    FormReferences(People people, Attachments attachments, cn.xianfeng.org.Orgs orgs, cn.xianfeng.org.Lookups lookups) {
        this.people = people;
        this.attachments = attachments;
        this.orgs = orgs;
        this.lookups = lookups;
    }

    @Override
    public boolean personVisible(String viewer, String username) {
        return lookups.mayPick(viewer, username);
    }

    @Override
    public PersonCheck person(String viewer, String username) {
        if (viewer == null) {
            return personExists(username) ? PersonCheck.ALLOWED : PersonCheck.UNKNOWN;
        }
        return switch (lookups.pick(viewer, username)) {
            case UNKNOWN -> PersonCheck.UNKNOWN;
            case OUT_OF_SCOPE -> PersonCheck.OUT_OF_SCOPE;
            case PICKABLE -> PersonCheck.ALLOWED;
        };
    }

    @Override
    public boolean orgVisible(String viewer, String code) {
        return lookups.mayPickOrg(viewer, code);
    }

    @Override
    public java.util.Optional<String> orgType(String code) {
        return orgs.find(code).map(o -> o.type().name());
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
