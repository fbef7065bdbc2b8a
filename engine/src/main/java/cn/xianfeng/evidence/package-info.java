/**
 * Evidence: attachments stored content-addressed with size and type checks; later the PDFs every case yields.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.evidence;
