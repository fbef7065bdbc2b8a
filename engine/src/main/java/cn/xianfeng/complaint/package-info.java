/**
 * Complaint handling (接诉即办): public intake with a tracking code and abuse limits, routing by category
 * (processes/complaint-routing.dmn), deadlines in working days, escalation of overdue steps, the complainant's
 * evaluation, the three rates per org, and the closure report. Contact data is kept apart from the case.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.complaint;
