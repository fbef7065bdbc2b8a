package cn.xianfeng.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name among the nodes sharing the database ({@code xianfeng.node-id}, environment
 * {@code XIANFENG_NODE_ID}; by default host name and port). It marks the locks and job runs the node holds, and is
 * Flowable's lock owner for jobs, so a restarted node releases the jobs it held when it died: it must be unique per
 * node and stable across restarts.
 */
@Component
public class ClusterNode {

    private final String id;

    public ClusterNode(@Value("${xianfeng.node-id}") String id) {
        if (id == null || id.isBlank() || id.length() > 255) {
            throw new IllegalArgumentException("xianfeng.node-id must be 1-255 characters");
        }
        this.id = id.strip();
    }

    public String id() {
        return id;
    }
}
