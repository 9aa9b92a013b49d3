package io.strata.adapters.web.imports;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.console.NoSuchPage;
import io.strata.adapters.web.console.OnceSentForms;
import io.strata.adapters.web.console.SentForms;
import org.springframework.beans.factory.ObjectProvider;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.adapters.web.problem.InvalidListCursor;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.application.imports.ImportCommand;
import io.strata.application.imports.port.in.ImportData;
import io.strata.application.imports.ImportEntity;
import io.strata.application.imports.ImportFailed;
import io.strata.application.imports.ImportsBusy;
import io.strata.application.imports.ImportMode;
import io.strata.application.imports.ImportReport;
import io.strata.application.imports.RowError;
import io.strata.application.imports.UnreadableInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Imports in the console: upload a CSV file, follow its progress, read its report and its errors, and the history.
 * The upload is the API's import (the same use case and streaming readers) behind the console's login: the part is
 * read as a stream from where the servlet container put it, never held in memory.
 */
@Controller
@ConsolePage
public class ImportPageController {

    static final int HISTORY = 50;
    static final int ERRORS_ON_REPORT = 10;
    static final int ERRORS_PER_PAGE = 200;
    static final List<CsvColumn> ERRORS_HEADER = List.of(CsvColumn.number("line"), CsvColumn.text("column"), CsvColumn.text("value"),
            CsvColumn.text("message"));

    private final ImportData imports;
    private final long maxBodyBytes;
    private final ObjectProvider<SentForms> sentForms;
    private final ServerStopping stopping;

    public ImportPageController(ImportData imports, ImportSettings settings, ObjectProvider<SentForms> sentForms, ServerStopping stopping) {
        this.imports = imports;
        this.maxBodyBytes = settings.maxBodySize().toBytes();
        this.sentForms = sentForms;
        this.stopping = stopping;
    }

    @GetMapping("/imports")
    String history(@RequestParam(required = false) String before, Model model) {
        // the newest HISTORY imports; "Older imports" goes on after the last one shown
        UUID after = ListCursor.uuid(before, "an import").orElse(null);
        if (after != null && imports.findImport(after).isEmpty()) {
            throw new InvalidListCursor(ListCursor.PARAMETER, before, "the id of an import in the history (no import has the id " + after + ")");
        }
        List<ImportReport> fetched = imports.recentImports(after, HISTORY + 1);
        List<ImportReport> shown = fetched.size() > HISTORY ? fetched.subList(0, HISTORY) : fetched;
        model.addAttribute("imports", shown.stream().map(ImportRow::of).toList());
        model.addAttribute("older", fetched.size() > HISTORY ? shown.get(HISTORY - 1).importId() : null);
        model.addAttribute("paged", after != null);
        model.addAttribute("listed", HISTORY);
        return "imports";
    }

    @GetMapping("/imports/new")
    String uploadForm(Model model) {
        return uploadPage(ImportEntity.CUSTOMERS.path(), ImportMode.STRICT.wireName(), null, new FieldErrors(), UUID.randomUUID(), model);
    }

    /**
     * Runs the import while the browser waits; the page polls {@link #progress} with the id it sent. htmx gets the
     * report's address in HX-Redirect, a plain form post a redirect to it.
     */
    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@RequestParam(defaultValue = "") String entity, @RequestParam(defaultValue = "") String mode,
                  @RequestParam(required = false) String importId, @RequestParam(required = false) MultipartFile file,
                  @RequestParam(required = false) String charset, Authentication who, HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        FieldErrors errors = new FieldErrors();
        ImportEntity importEntity = ImportEntity.fromPath(entity).orElse(null);
        if (importEntity == null) {
            errors.add("entity", "choose what the file holds: customers, orders or events");
        }
        ImportMode importMode = mode(mode, errors);
        if (file == null || file.isEmpty()) {
            errors.add("file", "choose a CSV file with a header row and at least one row");
        } else if (file.getSize() > maxBodyBytes) {
            errors.add("file", new PayloadTooLarge(maxBodyBytes).getMessage());
        } else {
            notCsv(file).ifPresent(why -> errors.add("file", why));
        }
        // a browser sends a file part as text/csv without a charset: the form's charset field says which (UTF-8 by
        // default); a script's part may declare one instead, honoured when the form names none
        java.nio.charset.Charset read = java.nio.charset.StandardCharsets.UTF_8;
        boolean chosen = charset != null && !charset.isBlank();
        if (chosen) {
            try {
                read = DeclaredCharset.chosen(charset);
            } catch (DeclaredCharset.UnknownCharset e) {
                errors.add("charset", e.getMessage());
            }
        } else if (errors.isEmpty()) {
            try {
                read = DeclaredCharset.of(file.getContentType());
            } catch (DeclaredCharset.UnknownCharset e) {
                errors.add("file", e.getMessage());
            }
        }
        UUID id = unusedId(importId);
        if (errors.isEmpty()) {
            try (InputStream body = stopping.watched(file.getInputStream())) {
                imports.importRows(new ImportCommand(importEntity, importMode, chosen ? ImportBodies.csvInChosenCharset(body, read, maxBodyBytes)
                        : ImportBodies.csv(body, read, maxBodyBytes), who.getName(), id));
                return showReport(id, request, response);
            } catch (UnreadableInput | PayloadTooLarge e) {
                if (imports.findImport(id).isPresent()) {
                    // recorded as FAILED with the line and column: the report says what to fix
                    return showReport(id, request, response);
                }
                errors.add("file", e.getMessage());
            } catch (ImportFailed e) {
                if (imports.findImport(id).isPresent()) {
                    // recorded as FAILED with the product's explanation and a reference
                    return showReport(id, request, response);
                }
                // it could not even be recorded: the explanation and its reference go on the form
                errors.add("file", e.getMessage());
            } catch (ImportsBusy e) {
                // refused before it began: the form stays filled in, to be sent again
                errors.add("file", e.getMessage());
                response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                String page = uploadPage(entity, mode, charset, errors, id, model);
                return request.getHeader("HX-Request") != null ? page + " :: upload" : page;
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        String page = uploadPage(entity, mode, charset, errors, id, model);
        return request.getHeader("HX-Request") != null ? page + " :: upload" : page;
    }

    /**
     * Why an uploaded file is no CSV file at all, when its first bytes say so: a spreadsheet or archive chosen by mistake
     * was read as a CSV file and refused for "control characters" in its first "column name" (session 57's probe: an
     * .xlsx file was told to "rename the column").
     */
    static java.util.Optional<String> notCsv(MultipartFile file) throws IOException {
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(8);
        }
        String kind = starts(head, 0x50, 0x4B, 0x03, 0x04) ? "a zip archive (as an Excel .xlsx or an OpenDocument .ods spreadsheet is)"
                : starts(head, 0xD0, 0xCF, 0x11, 0xE0) ? "an old Excel (.xls) or other Office file"
                : starts(head, 0x25, 0x50, 0x44, 0x46) ? "a PDF document"
                : starts(head, 0x1F, 0x8B) ? "a gzip archive"
                : null;
        if (kind == null) {
            return java.util.Optional.empty();
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "The file"
                : "'" + io.strata.domain.text.PlainText.echo(file.getOriginalFilename()) + "'";
        return java.util.Optional.of(name + " is " + kind + ", not a CSV file: save it from the spreadsheet as CSV (UTF-8) and choose"
                + " that file. Nothing was imported.");
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Polled by the upload page while its import runs: nothing yet while the file still arrives, then rows read so far. */
    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("report", imports.findImport(id).orElse(null));
        return "import-progress :: progress";
    }

    /**
     * The import's report; before its record exists, while the file of an upload sent with this id still arrives or
     * waits for its turn, a page that follows its progress (where a copy of the upload is sent: {@link OnceSentForms}).
     */
    @GetMapping("/imports/{id}")
    String report(@PathVariable UUID id, Model model) {
        SentForms sent = sentForms.getIfAvailable();
        if (imports.findImport(id).isEmpty() && sent != null && sent.uploadSent(id)) {
            model.addAttribute("importId", id);
            return "import-on-its-way";
        }
        ImportReport report = find(id);
        model.addAttribute("row", ImportRow.of(report));
        model.addAttribute("rowErrors", report.errors().stream().limit(ERRORS_ON_REPORT).toList());
        return "import";
    }

    /** The recorded errors (at most 1000) in pages, so that a page stays small; the CSV has them all. */
    @GetMapping("/imports/{id}/errors")
    String errors(@PathVariable UUID id, @RequestParam(defaultValue = "0") int from, Model model) {
        ImportReport report = find(id);
        List<RowError> errors = report.errors();
        int start = Math.max(0, Math.min(from, errors.size()));
        int end = Math.min(errors.size(), start + ERRORS_PER_PAGE);
        model.addAttribute("row", ImportRow.of(report));
        model.addAttribute("rowErrors", errors.subList(start, end));
        model.addAttribute("first", start + 1);
        model.addAttribute("last", end);
        model.addAttribute("previousFrom", start > 0 ? Math.max(0, start - ERRORS_PER_PAGE) : null);
        model.addAttribute("nextFrom", end < errors.size() ? end : null);
        return "import-errors";
    }

    @GetMapping("/imports/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errorsCsv(@PathVariable UUID id) {
        List<RowError> errors = find(id).errors();
        return CsvDownload.answer("import-" + id + "-errors.csv", ERRORS_HEADER, csv -> errors.forEach(error ->
                csv.row(error.line(), error.column(), error.value(), error.message())));
    }

    private String uploadPage(String entity, String mode, String charset, FieldErrors errors, UUID importId, Model model) {
        model.addAttribute("entities", ImportEntity.values());
        model.addAttribute("charsets", DeclaredCharset.OFFERED);
        model.addAttribute("charset", charset == null || charset.isBlank() ? "UTF-8" : charset.strip());
        model.addAttribute("entity", entity);
        model.addAttribute("mode", mode);
        model.addAttribute("errors", errors);
        model.addAttribute("importId", importId);
        model.addAttribute("maxSize", readable(maxBodyBytes));
        return "import-upload";
    }

    /** The configured limit as a person reads it: 4 GB, 500 MB, 10 KB. */
    static String readable(long bytes) {
        for (DataUnit unit : List.of(DataUnit.TERABYTES, DataUnit.GIGABYTES, DataUnit.MEGABYTES, DataUnit.KILOBYTES)) {
            long size = DataSize.of(1, unit).toBytes();
            if (bytes >= size && bytes % size == 0) {
                return bytes / size + " " + unit.name().charAt(0) + "B";
            }
        }
        return bytes + " bytes";
    }

    private static ImportMode mode(String mode, FieldErrors errors) {
        try {
            return ImportMode.parse(mode);
        } catch (IllegalArgumentException e) {
            errors.add("mode", e.getMessage());
            return null;
        }
    }

    /**
     * The id the upload page drew, so that it can follow the import by it; a fresh one when the page sent none or one
     * already used (the form sent twice), so an earlier import's record is never overwritten.
     */
    private UUID unusedId(String importId) {
        try {
            UUID id = UUID.fromString(importId);
            return imports.findImport(id).isPresent() ? UUID.randomUUID() : id;
        } catch (IllegalArgumentException | NullPointerException e) {
            return UUID.randomUUID();
        }
    }

    private static String showReport(UUID id, HttpServletRequest request, HttpServletResponse response) {
        String report = "/imports/" + id;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + report);
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        return "redirect:" + report;
    }

    private ImportReport find(UUID id) {
        return imports.findImport(id).orElseThrow(() -> new NoSuchPage("No import has the id " + id + "."));
    }
}
