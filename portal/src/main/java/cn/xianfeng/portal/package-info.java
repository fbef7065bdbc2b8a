/**
 * The portal: security, web pages and the REST API under /api, over the engine's modules.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.portal;
