package cn.xianfeng.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every form definition on the classpath ({@value #LOCATION}), loaded and checked once at startup.
 * An invalid file stops the application, naming the file and each problem.
 */
@Component
public class FormRegistry {

    public static final String LOCATION = "classpath*:forms/*" + FormDefinitions.SUFFIX;
    private static final Logger log = LoggerFactory.getLogger(FormRegistry.class);

    private final Map<String, FormDefinition> forms;

    public FormRegistry(ResourceLoader resourceLoader) {
        this.forms = Collections.unmodifiableMap(load(ResourcePatternUtils.getResourcePatternResolver(resourceLoader)));
        log.info("Loaded {} form definitions: {}", forms.size(), forms.keySet());
    }

    public FormDefinition get(String key) {
        FormDefinition form = key == null ? null : forms.get(key);
        if (form == null) {
            throw new UnknownFormException(key);
        }
        return form;
    }

    public boolean has(String key) {
        return key != null && forms.containsKey(key);
    }

    /** All definitions, ordered by key. */
    public Collection<FormDefinition> all() {
        return forms.values();
    }

    private static Map<String, FormDefinition> load(ResourcePatternResolver resolver) {
        Resource[] resources;
        try {
            resources = resolver.getResources(LOCATION);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + LOCATION, e);
        }
        Map<String, FormDefinition> forms = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Resource resource : resources) {
            String source = describe(resource);
            try (InputStream in = resource.getInputStream()) {
                FormDefinition form = FormDefinitions.parse(in, resource.getFilename());
                String earlier = sources.putIfAbsent(form.key(), source);
                if (earlier != null) {
                    problems.add(source + ": form key '" + form.key() + "' is also defined by " + earlier);
                } else {
                    forms.put(form.key(), form);
                }
            } catch (InvalidFormException e) {
                e.problems().forEach(p -> problems.add(source + ": " + p));
            } catch (IOException e) {
                problems.add(source + ": cannot be read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid form definitions (" + LOCATION + "):\n  "
                    + String.join("\n  ", problems));
        }
        return forms;
    }

    private static String describe(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }
}
