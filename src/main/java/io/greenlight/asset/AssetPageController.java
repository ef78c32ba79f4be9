package io.greenlight.asset;

import io.greenlight.post.PostRepository;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The asset library's pages: browse and search, upload, describe, and the files themselves. */
@PageController
@RequestMapping("/assets")
public class AssetPageController {

    private final AssetService assets;
    private final PostRepository posts;

    public AssetPageController(AssetService assets, PostRepository posts) {
        this.assets = assets;
        this.posts = posts;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        Page<AssetService.AssetView> found = assets.search(q, tag, page, 24);
        model.addAttribute("assets", found.getContent());
        model.addAttribute("page", found);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("tag", tag == null ? "" : tag);
        model.addAttribute("canUpload", CurrentUser.get().canCompose());
        return "assets/list";
    }

    @PostMapping
    public String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String altText,
                         @RequestParam(required = false) String tags, @RequestParam(required = false) String expiresOn,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        AssetService.requireUploader(CurrentUser.get());
        Asset asset;
        try {
            if (file == null || file.isEmpty()) {
                throw UserFacingException.invalid("file: choose a file to upload.");
            }
            asset = assets.upload(CurrentUser.get(), file.getOriginalFilename(), file.getBytes(),
                    new AssetService.Description(altText, tags, date(expiresOn)));
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("flashError", "The file was not added: " + e.getMessage());
            model.addAttribute("altText", altText);
            model.addAttribute("tagsText", tags);
            return list(null, null, 0, model);
        }
        redirect.addFlashAttribute("flashSuccess", asset.getFileName() + " is in the library.");
        return "redirect:/assets/" + asset.getId();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public String show(@PathVariable Long id, Model model) {
        AssetService.AssetView view = assets.view(id);
        CurrentUser user = CurrentUser.get();
        model.addAttribute("view", view);
        model.addAttribute("a", view.asset());
        model.addAttribute("usedBy", posts.findAllById(assets.postsUsing(id)));
        model.addAttribute("canEdit", user.isManager() || user.id().equals(view.asset().getUploadedBy()));
        return "assets/show";
    }

    @PostMapping("/{id}")
    public String describe(@PathVariable Long id, @RequestParam(required = false) String altText,
                           @RequestParam(required = false) String tags, @RequestParam(required = false) String expiresOn,
                           RedirectAttributes redirect) {
        try {
            assets.describe(CurrentUser.get(), id, new AssetService.Description(altText, tags, date(expiresOn)));
            redirect.addFlashAttribute("flashSuccess", "Saved.");
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", "Not saved: " + e.getMessage());
        }
        return "redirect:/assets/" + id;
    }

    /** The file, for previews and downloads. Served as the type detected at upload, never sniffed by the browser. */
    @GetMapping("/{id}/file")
    public ResponseEntity<byte[]> file(@PathVariable Long id) {
        Asset asset = assets.get(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(asset.getMimeType()))
                .eTag("\"" + asset.getSha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(asset.getFileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(assets.bytes(asset));
    }

    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw UserFacingException.invalid("expiresOn: '" + value + "' is not a date such as 2026-12-31.",
                    List.of("expiresOn: '" + value + "' is not a date such as 2026-12-31."));
        }
    }
}
