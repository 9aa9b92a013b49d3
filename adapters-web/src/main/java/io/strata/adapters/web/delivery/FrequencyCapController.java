package io.strata.adapters.web.delivery;

import java.util.Optional;

import org.springframework.web.bind.annotation.RequestHeader;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Parameter;

import io.swagger.v3.oas.annotations.headers.Header;

import io.strata.domain.edit.Revision;

import io.strata.adapters.web.problem.EntityTags;

import io.strata.application.campaign.port.in.SetFrequencyCaps;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.InvalidDeliverySetting;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/frequency-caps", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Frequency caps", description = "At most N deliveries per customer per channel in a rolling window, across all campaigns")
public class FrequencyCapController {

    private final SetFrequencyCaps caps;

    public FrequencyCapController(SetFrequencyCaps caps) {
        this.caps = caps;
    }

    /** {@code maxDeliveries}: 1–1000; {@code windowDays}: 1–365. */
    public record CapRequest(Integer maxDeliveries, Integer windowDays) {
    }

    public record CapBody(String channel, int maxDeliveries, int windowDays) {
        static CapBody of(FrequencyCap cap) {
            return new CapBody(cap.channel().key(), cap.maxDeliveries(), cap.windowDays());
        }
    }

    @GetMapping
    @Operation(summary = "Every channel's cap; a channel not listed is not capped")
    public List<CapBody> caps() {
        return caps.caps().stream().map(CapBody::of).toList();
    }

    @GetMapping("/{channel}")
    @Operation(summary = "One channel's cap (404 when it has none)", description = "The ETag header is the cap as stored; send it back in"
            + " If-Match with a change or its lifting")
    @ApiResponse(responseCode = "200", description = "The cap", headers = @Header(name = "ETag", description = "The cap as stored"))
    public ResponseEntity<?> cap(@PathVariable String channel) {
        Channel capped = channel(channel);
        Optional<FrequencyCap> cap = caps.cap(capped);
        if (cap.isEmpty()) {
            return noCap(capped, "; set one with PUT");
        }
        return EntityTags.answer(SetFrequencyCaps.revisionOf(capped, cap), CapBody.of(cap.get()));
    }

    @PutMapping(path = "/{channel}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set or replace a channel's cap", description = "Body {maxDeliveries, windowDays}. Later launches leave out, and count"
            + " as capped, the members whose action is on this channel and who already had maxDeliveries deliveries on it from campaigns"
            + " launched in the windowDays before. A cap of zero is refused (400, field maxDeliveries). With If-Match (the ETag of a GET),"
            + " set only if nobody changed the channel's cap since (checked and written in one unit of work, the channel held; a"
            + " channel without a cap matches no ETag); without If-Match, or with *, whatever changed meanwhile. The answer carries the new ETag.")
    @ApiResponse(responseCode = "200", description = "Set", headers = @Header(name = "ETag", description = "The cap as stored now"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<CapBody> set(@PathVariable String channel,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) CapRequest body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        if (body == null) {
            throw new InvalidDeliverySetting("maxDeliveries", "send a JSON body {\"maxDeliveries\": 3, \"windowDays\": 7}");
        }
        if (body.maxDeliveries() == null) {
            throw new InvalidDeliverySetting("maxDeliveries", "maxDeliveries is missing; give 1 to " + FrequencyCap.MAX_DELIVERIES);
        }
        if (body.windowDays() == null) {
            throw new InvalidDeliverySetting("windowDays", "windowDays is missing; give 1 to " + FrequencyCap.MAX_WINDOW_DAYS);
        }
        FrequencyCap set = caps.setCap(new FrequencyCap(channel(channel), body.maxDeliveries(), body.windowDays()), seen);
        return EntityTags.answer(SetFrequencyCaps.revisionOf(set.channel(), Optional.of(set)), CapBody.of(set));
    }

    @DeleteMapping("/{channel}")
    @Operation(summary = "Lift a channel's cap", description = "204; 404 when the channel had none. With If-Match (the ETag of a GET),"
            + " lifted only if nobody changed it since (412 otherwise); without If-Match, or with *, as it is now.")
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<ProblemDetail> remove(@PathVariable String channel,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        Channel capped = channel(channel);
        if (caps.removeCap(capped, seen)) {
            return ResponseEntity.noContent().build();
        }
        return noCap(capped, ", so there is none to lift");
    }

    private static ResponseEntity<ProblemDetail> noCap(Channel capped, String consequence) {
        ProblemDetail none = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "the channel '" + capped.key()
                + "' has no frequency cap" + consequence + "; GET /api/v1/frequency-caps lists the caps");
        none.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(none);
    }

    private static Channel channel(String key) {
        try {
            return Channel.parse(key, "channel");
        } catch (InvalidCampaign e) {
            throw new InvalidDeliverySetting("channel", e.getMessage());
        }
    }
}
