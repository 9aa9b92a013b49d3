package io.strata.adapters.web.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import io.strata.application.campaign.DestinationSettings;
import org.springframework.web.bind.annotation.RequestHeader;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Parameter;

import io.swagger.v3.oas.annotations.headers.Header;

import io.strata.domain.edit.Revision;

import io.strata.adapters.web.problem.EntityTags;

import io.strata.application.campaign.StoredDestination;
import io.strata.application.campaign.port.in.ManageDestinations;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.InvalidDeliverySetting;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/destinations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Destinations", description = "Webhook destinations of campaign deliveries; secrets are never shown in full")
public class DestinationController {

    private final ManageDestinations destinations;

    public DestinationController(ManageDestinations destinations) {
        this.destinations = destinations;
    }

    /** {@code channels}: the channels whose actions go here unless the action names another destination. */
    public record DestinationRequest(
            String name,
            @Schema(maxLength = DestinationSettings.MAX_URL_LENGTH, description = "The https URL the deliveries are posted to: at most "
                    + DestinationSettings.MAX_URL_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String url,
            String secret, List<String> channels) {
    }

    /** {@code secretHint}: the secret's prefix and last 4 characters, enough to tell secrets apart. */
    public record DestinationBody(String name, String url, String secretHint, List<String> channels, Instant createdAt, Instant updatedAt,
                                  String updatedBy) {
        static DestinationBody of(StoredDestination d) {
            return new DestinationBody(d.name(), d.url().toString(), d.secretHint(), d.channels().stream().sorted().map(Channel::key).toList(),
                    d.createdAt(), d.updatedAt(), d.updatedBy());
        }
    }

    @GetMapping
    @Operation(summary = "Every destination, by name")
    public List<DestinationBody> destinations() {
        return destinations.destinations().stream().map(DestinationBody::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One destination", description = "The ETag header is the destination's stored state; send it back in If-Match"
            + " with a change or a deletion")
    @ApiResponse(responseCode = "200", description = "The destination", headers = @Header(name = "ETag", description = "Its stored state"))
    public ResponseEntity<DestinationBody> destination(@PathVariable String name) {
        StoredDestination found = destinations.destination(name);
        return EntityTags.answer(found.revision(), DestinationBody.of(found));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a destination", description = "Body {name, url, secret, channels}. name: 1-64 of a-z, 0-9, '-', '_' (it does"
            + " not change); url: https (plain http only to this machine unless STRATA_DISPATCH_ALLOW_PLAIN_HTTP); secret: whsec_ + base64 of"
            + " 24-64 bytes; channels: those this destination is the default of, each at most one destination's. 400 naming the field.")
    public ResponseEntity<DestinationBody> create(@RequestBody(required = false) DestinationRequest body) {
        DestinationRequest given = required(body);
        StoredDestination created = destinations.create(given.name(), given.url(), given.secret(), given.channels());
        return ResponseEntity.created(URI.create("/api/v1/destinations/" + created.name())).body(DestinationBody.of(created));
    }

    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a destination", description = "Body {url, secret?, channels}: replaces URL and channels; a secret replaces"
            + " the stored one, none keeps it. Deliveries already written keep their destination; new launches use the new channels."
            + " With If-Match (the ETag of a GET), changed only if nobody changed the destination since (checked and written in one"
            + " unit of work, destinations held); without If-Match, or with *, whatever changed meanwhile. The answer carries the new ETag.")
    @ApiResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", description = "Its new stored state"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<DestinationBody> update(@PathVariable String name,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) DestinationRequest body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        DestinationRequest given = required(body);
        if (given.name() != null && !given.name().strip().equals(name)) {
            throw new InvalidDeliverySetting("name", "a destination's name does not change ('" + name + "' in the path, '" + given.name()
                    + "' in the body); add a destination with the new name instead");
        }
        StoredDestination changed = destinations.update(name, given.url(), given.secret(), given.channels(), seen);
        return EntityTags.answer(changed.revision(), DestinationBody.of(changed));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a destination no action or delivery names", description = "204; 409 when one does. With If-Match (the"
            + " ETag of a GET), deleted only if nobody changed it since (412 otherwise); without If-Match, or with *, as it is now.")
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<Void> delete(@PathVariable String name,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch) {
        destinations.delete(name, EntityTags.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static DestinationRequest required(DestinationRequest body) {
        if (body == null) {
            throw new InvalidDeliverySetting("url", "send a JSON body {\"name\": \"crm-email\", \"url\": \"https://…\", \"secret\": \"whsec_…\","
                    + " \"channels\": [\"email\"]}");
        }
        return body;
    }
}
