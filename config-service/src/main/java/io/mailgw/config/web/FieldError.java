package io.mailgw.config.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mailgw.model.FieldViolation;

/**
 * One entry of a problem's {@code errors}: the field, the English message, and the stable code of
 * the rule when it has one (the admin page translates the same code).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FieldError(String field, String message, String code) {

    static FieldError of(FieldViolation violation) {
        return new FieldError(violation.field(), violation.message(), violation.code());
    }
}
