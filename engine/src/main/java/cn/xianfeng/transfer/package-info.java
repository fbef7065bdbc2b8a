/**
 * Relation transfer (组织关系转接): who may start one, the outgoing branch's checks (dues, blocking cases), the
 * three-part introduction letter with its validity from letter-validity.dmn, reissue and withdrawal when it
 * expires, and the member's move to the receiving org when the case completes.
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.transfer;
