/**
 * Vocabulary every module shares: the refusals an action can end in, and the application clock.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.xianfeng.common;
