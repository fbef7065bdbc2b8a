/**
 * Notices: what people are told (a task handed to them, a reminder, a return, a copy), in the portal and by
 * e-mail when SMTP is configured. Fed by other modules' events after their transactions commit.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.notice;
