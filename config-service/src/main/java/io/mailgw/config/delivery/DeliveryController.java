package io.mailgw.config.delivery;

import java.security.Principal;
import java.util.List;

import io.mailgw.config.web.NotFoundException;
import io.mailgw.config.web.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/deliveries} of CONTRACT §4: the delivery log page by page, one request with its
 * attempts, and the re-drive (ADMIN only, as every POST of the API).
 */
@RestController
@RequestMapping(DeliveryController.PATH)
class DeliveryController {

    static final String PATH = "/api/v1/deliveries";

    private final DeliveryLog deliveries;
    private final DeliveryRedriver redriver;

    DeliveryController(DeliveryLog deliveries, DeliveryRedriver redriver) {
        this.deliveries = deliveries;
        this.redriver = redriver;
    }

    @GetMapping
    @Operation(summary = "The delivery log, newest first, page by page")
    DeliveryPage list(@RequestParam(required = false) String contractId,
            @Parameter(description = "the outbox a request was (last) sent through")
            @RequestParam(required = false) String outboxId,
            @Parameter(description = "state names, repeated or comma-separated: SENDING, RETRYING, REDRIVEN, SENT, "
                    + "FAILED, REJECTED") @RequestParam(required = false) List<String> status,
            @Parameter(description = "only requests created at or after this ISO-8601 instant",
                    example = "2026-11-28T00:00:00Z") @RequestParam(required = false) String since,
            @Parameter(description = "from 0") @RequestParam(defaultValue = "0") String page,
            @Parameter(description = "1 to " + DeliveryLog.MAX_SIZE) @RequestParam(defaultValue = "50") String size) {
        Violations violations = new Violations();
        DeliveryFilter filter = DeliveryFilter.parse(contractId, outboxId, status, since, violations);
        int pageNumber = number(page, "page", 0, Integer.MAX_VALUE, "must be 0 or more", violations);
        int pageSize = number(size, "size", 1, DeliveryLog.MAX_SIZE, "must be 1 to " + DeliveryLog.MAX_SIZE,
                violations);
        violations.throwIfAny();
        return DeliveryPage.of(deliveries.page(filter, pageNumber, pageSize));
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "One request of the delivery log, with its attempts")
    DeliveryView read(@PathVariable String requestId) {
        return DeliveryView.withAttempts(deliveries.find(requestId)
                .orElseThrow(() -> new NotFoundException("delivery", requestId)));
    }

    @PostMapping(path = "/redrive", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Republish failed requests' dead letters to the requests topic (ADMIN)",
            description = "Exactly one of requestIds or outboxId. Only requests that ended FAILED or REJECTED are "
                    + "re-driven, each once however often it is asked; audited.",
            responses = {
                @ApiResponse(responseCode = "202", description = "Accepted: the sender takes them up again"),
                @ApiResponse(responseCode = "503", description = "The dead-letter topic could not be read to its "
                        + "end in time; nothing was re-driven")})
    RedriveOutcome redrive(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = RedriveBody.class))) @RequestBody JsonNode body,
            Principal user) {
        return redriver.redrive(RedriveRequest.read(body, redriver.maxRequestIds()), user.getName());
    }

    @ExceptionHandler(DeadLettersUnreadableException.class)
    ResponseEntity<ProblemDetail> unreadable(DeadLettersUnreadableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
    }

    private static int number(String value, String name, int min, int max, String rule, Violations violations) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // named below, like a number out of range
        }
        violations.add(name, rule);
        return min;
    }

    /**
     * One page of the log, in the shape of the other paged endpoints.
     *
     * @param content       the requests on this page, newest first
     * @param totalElements requests that match the filter, on every page
     */
    record DeliveryPage(List<DeliveryView> content, int page, int size, long totalElements, long totalPages) {

        static DeliveryPage of(DeliveryLog.Page page) {
            return new DeliveryPage(page.records().stream().map(DeliveryView::summary).toList(), page.page(),
                    page.size(), page.total(), page.totalPages());
        }
    }

    /** The re-drive's body, as the OpenAPI description shows it: one of the two fields. */
    @Schema(name = "Redrive", description = "Exactly one of requestIds or outboxId")
    record RedriveBody(
            @Schema(description = "the requests to re-drive: 1 to mailgw.config.redrive.max-request-ids (1000)",
                    example = "[\"sr-4711-step-3\"]") List<String> requestIds,
            @Schema(description = "re-drive every FAILED or REJECTED request last sent through this outbox",
                    example = "mbx-xpto-out") String outboxId) {
    }
}
