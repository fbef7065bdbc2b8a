package cn.xianfeng.workflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every process, stage (lane) and step (user task) a model names has an English name; Chinese stays as modelled. */
class ProcessNamesTest {

    private static final Pattern NAMED = Pattern.compile("<(?:process|lane|userTask)\\b[^>]*\\bname=\"([^\"]+)\"");

    @Test
    void everyModelledNameHasAnEnglishName() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> models = Files.list(Path.of("../processes"))) {
            for (Path m : models.filter(p -> p.toString().endsWith(".bpmn20.xml")).toList()) {
                Matcher n = NAMED.matcher(Files.readString(m));
                while (n.find()) {
                    names.add(n.group(1));
                }
            }
        }
        assertThat(names).as("names in the models").hasSizeGreaterThan(50);
        for (String name : names) {
            assertThat(ProcessNames.in(name, Locale.ENGLISH)).as(name).doesNotContainPattern("\\p{IsHan}");
            assertThat(ProcessNames.in(name, Locale.SIMPLIFIED_CHINESE)).isEqualTo(name);
        }
        assertThat(ProcessNames.in("未收录的名称", Locale.ENGLISH)).as("as is without a translation").isEqualTo("未收录的名称");
    }
}
