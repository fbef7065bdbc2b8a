/**
 * Several portal nodes on one PostgreSQL behaving as one, on the database and ShedLock rather than home-made
 * coordination: the node's identity, locks that let one node at a time run a job ({@link cn.xianfeng.cluster.ClusterLocks},
 * and {@code @SchedulerLock} on every {@code @Scheduled} method), a log of job runs, and caches that every node
 * drops when any node changes what they hold ({@link cn.xianfeng.cluster.SharedCaches}, through PostgreSQL
 * {@code NOTIFY} sent in the changing transaction).
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.cluster;
