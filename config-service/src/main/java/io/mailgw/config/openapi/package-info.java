/**
 * The OpenAPI description of the API ({@code /v3/api-docs}) and its Swagger UI
 * ({@code /swagger-ui.html}), both for signed-in users only; the documented body shapes, with the
 * password write-only.
 */
package io.mailgw.config.openapi;
