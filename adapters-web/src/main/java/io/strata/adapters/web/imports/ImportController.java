package io.strata.adapters.web.imports;

import io.strata.adapters.web.problem.InvalidListCursor;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.adapters.web.problem.ListLimit;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.application.imports.ImportCommand;
import io.strata.application.imports.port.in.ImportData;
import io.strata.application.imports.ImportEntity;
import io.strata.application.imports.ImportMode;
import io.strata.application.imports.ImportReport;
import io.strata.application.imports.ImportStatus;
import io.strata.application.imports.SourceRows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Customers, orders and events from CSV or NDJSON, streamed and validated")
public class ImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    /** Reports carry up to 1000 errors each, so the history answers with fewer of them than other lists. */
    static final int MAX_HISTORY = 100;

    private final ImportData imports;
    private final long maxBodyBytes;
    private final ServerStopping stopping;

    public ImportController(ImportData imports, ImportSettings settings, ServerStopping stopping) {
        this.imports = imports;
        this.maxBodyBytes = settings.maxBodySize().toBytes();
        this.stopping = stopping;
    }

    @PostMapping(path = "/{entity}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import a file of customers, orders or events",
            description = "strict (default): one invalid row and nothing is written (422, status REJECTED); lenient: valid rows are written. "
                    + "The body is streamed: files of millions of rows are fine. It is read as UTF-8 unless the Content-Type declares another "
                    + "charset Java knows (text/csv; charset=ISO-8859-1); a charset Java does not know is 415, nothing read. A header that lacks the entity's required columns, "
                    + "looks like another entity's file, or is one column split by ';' or tabs is 400 naming the right endpoint or "
                    + "separator. Cells with control characters (other than tab and line breaks) and dates outside 1900-01-01 to a day "
                    + "past the server's clock are row errors. "
                    + "A failure on Strata's side (the database, not the file) "
                    + "answers 503 with a problem whose detail says what to do and carries a reference to the logged details; nothing is written. "
                    + "Imports take turns per node (as many at once as the connection pool allows; the others wait, their body unread); "
                    + "beyond 32 waiting the next is refused with 429 and Retry-After before anything of it is read or written.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string"))}))
    public ResponseEntity<ImportReportBody> importRows(@Parameter(description = "what the file holds",
                                                              schema = @Schema(allowableValues = {"customers", "orders", "events"}))
                                                      @PathVariable String entity,
                                                      @Parameter(description = "strict or lenient") @RequestParam(defaultValue = "strict") String mode,
                                                      HttpServletRequest request, Authentication who) throws IOException, HttpMediaTypeNotSupportedException {
        // any other kind is a 404 in words, before the body or its type is looked at (the GET of an import's report, of the
        // same shape of address, made it a 405 while the mapping named the kinds)
        ImportEntity kind = ImportEntity.fromPath(entity).orElseThrow(() -> new UnknownImportKind(entity));
        boolean ndjson = mediaType(request.getContentType());
        Charset charset = DeclaredCharset.of(request.getContentType());
        ImportMode importMode = parseMode(mode);
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw new PayloadTooLarge(maxBodyBytes);
        }
        InputStream body = stopping.watched(request.getInputStream());
        SourceRows rows = ndjson ? ImportBodies.ndjson(body, charset, maxBodyBytes) : ImportBodies.csv(body, charset, maxBodyBytes);
        ImportReport report = imports.importRows(new ImportCommand(kind, importMode, rows,
                who == null ? null : who.getName()));
        HttpStatus status = report.status() == ImportStatus.REJECTED ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK;
        return ResponseEntity.status(status).body(ImportReportBody.of(report));
    }

    @GetMapping(path = "/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One import's report, with progress while it runs")
    public ImportReportBody importReport(@PathVariable UUID importId) {
        return imports.findImport(importId).map(ImportReportBody::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no import has the id " + importId));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import history, newest first, a page at a time",
            description = "When there are older imports, the Link header names the next page (<...?before=<importId of the last import"
                    + " shown>>; rel=\"next\"). Following the links reaches every import once.")
    public ResponseEntity<List<ImportReportBody>> history(@Parameter(description = "How many to answer with: 1 to " + MAX_HISTORY
            + " (default 50); more is refused with a 400. Each report carries up to 1000 errors, hence the lower maximum",
            schema = @Schema(type = "integer", minimum = "1", maximum = "" + MAX_HISTORY, defaultValue = "50"))
                                                          @RequestParam(required = false) String limit,
                                                          @Parameter(description = "Answer the imports older than this one (its importId):"
                                                                  + " the Link header's next page gives it")
                                                          @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, 50, MAX_HISTORY);
        UUID after = ListCursor.uuid(before, "an import").orElse(null);
        if (after != null && imports.findImport(after).isEmpty()) {
            throw new InvalidListCursor(ListCursor.PARAMETER, before, "the id of an import in the history (no import has the id " + after + ")");
        }
        ListCursor.Page<ImportReport> page = ListCursor.page(imports.recentImports(after, count + 1), count, r -> r.importId().toString(), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(ImportReportBody::of).toList());
    }

    private static ImportMode parseMode(String mode) {
        try {
            return ImportMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * Whether the body is NDJSON (else CSV). Checked here rather than with {@code consumes}, so that the 415 answer
     * can say what to send.
     */
    private static boolean mediaType(String contentType) throws HttpMediaTypeNotSupportedException {
        List<MediaType> supported = List.of(MediaType.parseMediaType(CSV), MediaType.parseMediaType(NDJSON));
        MediaType type = null;
        try {
            // a charset Java does not know makes Spring refuse the whole type; it is refused with its own words after this
            type = contentType == null ? null : MediaType.parseMediaType(DeclaredCharset.withoutCharset(contentType));
        } catch (org.springframework.http.InvalidMediaTypeException ignored) {
            // answered as unsupported below
        }
        // a wildcard (*/*, text/*, application/*) is compatible with both and names neither: the contract answers 415
        if (type != null && type.isConcrete() && type.isCompatibleWith(supported.get(1))) {
            return true;
        }
        if (type != null && type.isConcrete() && type.isCompatibleWith(supported.get(0))) {
            return false;
        }
        HttpMediaTypeNotSupportedException unsupported = new HttpMediaTypeNotSupportedException(type, supported, HttpMethod.POST);
        unsupported.getBody().setDetail((contentType == null || contentType.isBlank() ? "The request has no Content-Type, which imports need"
                : "Content-Type '" + contentType + "' is not supported for imports") + "; "
                + "send the file as text/csv (UTF-8, header row first) or application/x-ndjson (one JSON object per line)"
                + " (another charset may be declared, e.g. text/csv; charset=ISO-8859-1)");
        throw unsupported;
    }
}
