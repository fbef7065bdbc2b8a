package cn.xianfeng.workflow;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The form validator as a bean; it finds the reference checker (people, attachments) and the clock when used. */
@Configuration(proxyBeanMethods = false)
public class FormConfiguration {

    @Bean
    FormValidator formValidator(ObjectProvider<FormReferenceChecker> checkers, ObjectProvider<Clock> clocks) {
        return FormValidator.lookingUp(checkers, clocks);
    }
}
