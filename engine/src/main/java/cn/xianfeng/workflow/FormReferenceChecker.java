package cn.xianfeng.workflow;

/**
 * Answers whether the people and attachments a form refers to exist. Another module provides the bean;
 * without one, {@link FormValidator} refuses every person or attachment value.
 */
public interface FormReferenceChecker {

    boolean personExists(String username);

    boolean attachmentExists(String attachmentId);
}
