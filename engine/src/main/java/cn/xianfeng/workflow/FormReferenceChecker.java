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

    /** Whether the acting person may name this (existing) person: the same scope their pickers search. */
    default boolean personVisible(String viewer, String username) {
        return personExists(username);
    }

    /** Whether the acting person may name this (existing) org: the same scope their pickers search. */
    default boolean orgVisible(String viewer, String code) {
        return orgType(code).isPresent();
    }
}
