package io.mailgw.config.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: the API of CONTRACT §4 under {@code /api/v1}, signed in with HTTP Basic.
 * Which paths are described ({@code /api/**} only) is set in {@code config-service.properties}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basic";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Mail gateway configuration API").version("v1")
                        .description("Mailboxes, contracts, settings, users, the audit log, export/import, and the "
                                + "delivery log with its re-drive. "
                                + "Reading needs role VIEWER or ADMIN; changing, users and export/import need ADMIN. "
                                + "Errors are RFC 9457 problem details with an errors array naming each field."))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** The documented bodies first, then the answers, which also drop the schemas the bodies replaced. */
    @Bean
    OpenApiCustomizer documentedBodiesAndAnswers() {
        ApiBodies bodies = new ApiBodies();
        return openApi -> {
            bodies.customise(openApi);
            ApiAnswers.customise(openApi);
        };
    }
}
