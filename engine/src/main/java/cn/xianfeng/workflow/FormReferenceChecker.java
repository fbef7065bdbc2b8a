package cn.xianfeng.workflow;

import java.util.Optional;

/**
 * Answers whether the people, orgs and attachments a form refers to exist. Another module provides the bean;
 * without one, {@link FormValidator} refuses every person, org or attachment value.
 */
public interface FormReferenceChecker {

    boolean personExists(String username);

    boolean attachmentExists(String attachmentId);

    /** The type of the org with this code ({@code COMMITTEE}, {@code BRANCH}, …), empty when there is none. */
    default Optional<String> orgType(String code) {
        return Optional.empty();
    }

    /** A person a form names: unknown, outside the acting person's scope, or one they may name. */
    enum PersonCheck { UNKNOWN, OUT_OF_SCOPE, ALLOWED }

    /**
     * Whether the person exists and (with an acting person) whether they may name them; a checker may answer both in
     * one look.
     */
    default PersonCheck person(String viewer, String username) {
        if (!personExists(username)) {
            return PersonCheck.UNKNOWN;
        }
        return viewer == null || personVisible(viewer, username) ? PersonCheck.ALLOWED : PersonCheck.OUT_OF_SCOPE;
    }

    /** Whether the acting person may name this (existing) person: the same scope their pickers search. */
    default boolean personVisible(String viewer, String username) {
        return personExists(username);
    }

    /** Whether the acting person may name this (existing) org: the same scope their pickers search. */
    default boolean orgVisible(String viewer, String code) {
        return orgType(code).isPresent();
    }
}
