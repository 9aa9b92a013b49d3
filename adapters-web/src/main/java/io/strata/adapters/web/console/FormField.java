package io.strata.adapters.web.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Every POST form the console renders (with {@code th:action}) carries a hidden field {@value #NAME} with a random value
 * of its own, beside the CSRF token that the same hook adds: {@link OnceSentForms} carries a form out once per value.
 */
@Component
public class FormField implements BeanPostProcessor {

    public static final String NAME = "_form";

    /**
     * Whether a sent value is one this hook could have rendered (a UUID's 36 characters): only those are remembered by
     * {@link OnceSentForms}, so a client cannot make a node keep values of its choosing, up to the 2 MB a form may hold,
     * ten thousand times over.
     */
    public static boolean rendered(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException notOne) {
            return false;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestDataValueProcessor processor && beanName.equals("requestDataValueProcessor")) {
            return new WithFormField(processor);
        }
        return bean;
    }

    private record WithFormField(RequestDataValueProcessor delegate) implements RequestDataValueProcessor {

        @Override
        public String processAction(HttpServletRequest request, String action, String httpMethod) {
            return delegate.processAction(request, action, httpMethod);
        }

        @Override
        public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
            return delegate.processFormFieldValue(request, name, value, type);
        }

        @Override
        public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
            Map<String, String> theirs = delegate.getExtraHiddenFields(request);
            Map<String, String> fields = new HashMap<>(theirs == null ? Map.of() : theirs);
            fields.put(NAME, UUID.randomUUID().toString());
            return fields;
        }

        @Override
        public String processUrl(HttpServletRequest request, String url) {
            return delegate.processUrl(request, url);
        }
    }
}
