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
        SpringApplication.run(XianfengApplication.class, args);
    }
}
