package cn.xianfeng;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class XianfengApplication {

    public static void main(String[] args) {
        SpringApplication.run(XianfengApplication.class, args);
    }
}
