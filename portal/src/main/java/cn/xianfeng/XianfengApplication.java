package cn.xianfeng;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class XianfengApplication {

    public static void main(String[] args) {
        // Pages and PDFs print local times; the users live in one zone whatever the server's zone is.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(
                System.getenv().getOrDefault("XIANFENG_ZONE", "Asia/Shanghai")));
        SpringApplication app = new SpringApplication(XianfengApplication.class);
        if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--xianfeng.reindex")
                || a.equals("--xianfeng.reindex=true"))) {
            // the command line rebuild (ReindexCommand): no web server, no timers firing, exit with its verdict
            app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            app.setDefaultProperties(java.util.Map.of("flowable.async-executor-activate", "false"));
            System.exit(SpringApplication.exit(app.run(args)));
        }
        app.run(args);
    }
}
