package cn.xianfeng;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The engine is a library; its integration tests boot it through this configuration. */
@SpringBootApplication
public class EngineTestApplication {
}
