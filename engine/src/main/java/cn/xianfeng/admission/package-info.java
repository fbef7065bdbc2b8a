/**
 * Recruitment (发展党员): the rules of the 25-step admission process, the dates they make, the member status
 * changes they cause, and the applicant's and the branch's views of it.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.admission;
