package io.greenlight.asset;

import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@RestController
@RequestMapping("/api/assets")
@Tag(name = "Assets", description = "The asset library: images and videos for posts")
public class AssetController {

    private final AssetService assets;

    public AssetController(AssetService assets) {
        this.assets = assets;
    }

    public record AssetJson(Long id, String fileName, String mimeType, long sizeBytes, String sha256, String altText,
                            List<String> tags, LocalDate expiresOn, boolean expired, long usedIn, String uploadedBy,
                            OffsetDateTime uploadedAt, String url) {
        static AssetJson of(AssetService.AssetView v) {
            Asset a = v.asset();
            return new AssetJson(a.getId(), a.getFileName(), a.getMimeType(), a.getSizeBytes(), a.getSha256(),
                    a.getAltText(), a.tagList(), a.getExpiresOn(), v.expired(), v.usedIn(), a.getUploadedBy(),
                    a.getUploadedAt(), "/assets/" + a.getId() + "/file");
        }
    }

    public record AssetPage(List<AssetJson> items, int page, int size, long total) {
    }

    public record DescriptionBody(String altText, List<String> tags, LocalDate expiresOn) {
    }

    @GetMapping
    @Operation(summary = "Search the library: q (file name, alt text, tags), tag")
    public AssetPage search(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "24") int size) {
        Page<AssetService.AssetView> found = assets.search(q, tag, page, size);
        return new AssetPage(found.getContent().stream().map(AssetJson::of).toList(), found.getNumber(),
                found.getSize(), found.getTotalElements());
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an image or video (multipart: file, altText, tags, expiresOn); the same file twice is one asset")
    public ResponseEntity<AssetJson> upload(@RequestPart(name = "file", required = false) MultipartFile file,
                                            @RequestParam(required = false) String altText,
                                            @RequestParam(required = false) String tags,
                                            @RequestParam(required = false) LocalDate expiresOn) throws IOException {
        AssetService.requireUploader(CurrentUser.get());
        if (file == null) {
            throw UserFacingException.invalid("file: choose a file to upload.");
        }
        Asset asset = assets.upload(CurrentUser.get(), file.getOriginalFilename(), file.getBytes(),
                new AssetService.Description(altText, tags, expiresOn));
        return ResponseEntity.created(URI.create("/api/assets/" + asset.getId())).body(AssetJson.of(assets.view(asset.getId())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One asset with its usage")
    public AssetJson get(@PathVariable Long id) {
        return AssetJson.of(assets.view(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change alt text, tags and expiry (the uploader or a manager)")
    public AssetJson describe(@PathVariable Long id, @RequestBody DescriptionBody body) {
        if (body == null) {
            throw UserFacingException.invalid("Send altText, tags and expiresOn.");
        }
        assets.describe(CurrentUser.get(), id, new AssetService.Description(body.altText(),
                body.tags() == null ? null : String.join(",", body.tags()), body.expiresOn()));
        return AssetJson.of(assets.view(id));
    }
}
