/**
 * Meeting records (三会一课 and organizational life): the roll and its in-app notices, the record and its checks,
 * archiving with the minutes PDF and key phrases, amendments after archiving, and compliance with the frequency
 * each meeting type requires (meeting-frequency.dmn), with a 补开/说明 case for a branch that missed one.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.meeting;
