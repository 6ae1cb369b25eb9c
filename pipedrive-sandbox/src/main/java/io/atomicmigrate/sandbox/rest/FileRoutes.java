package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.ApiException;
import io.atomicmigrate.sandbox.service.FileService;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Page;
import io.atomicmigrate.sandbox.repository.StoredEntity;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** v1 files: multipart upload (one file per call), form-encoded PUT, download of the stored bytes. */
public final class FileRoutes {
    private FileRoutes() {
    }

    public static void mount(Router router, FileService files, String baseUrl) {
        V1Routes.each(router, "/files", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            Page page = files.list(c, RouteSupport.query(ctx));
            Responses.v1List(ctx, page.items().stream().map(FileService::render).toList(), page);
        }));
        V1Routes.each(router, "/files/:id/download", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            StoredEntity e = files.get(c, ctx.pathParam("id"));
            byte[] bytes = files.content(c, ctx.pathParam("id"));
            String type = e.data.path("content_type").asText("application/octet-stream");
            ctx.response().setStatusCode(200).putHeader("content-type", type.isEmpty() ? "application/octet-stream" : type)
                    .putHeader("content-disposition", "attachment; filename=\"" + e.data.path("file_name").asText() + "\"")
                    .end(Buffer.buffer(bytes));
        }));
        V1Routes.each(router, "/files/:id", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, FileService.render(files.get(c, ctx.pathParam("id"))))));
        V1Routes.each(router, "/files", router::post, ctx -> RouteSupport.locked(ctx, c -> {
            List<FileUpload> uploads = ctx.fileUploads();
            String type = ctx.request().getHeader("content-type");
            if (type == null || !type.startsWith("multipart/form-data")) {
                throw ApiException.badRequest("Request must be multipart/form-data");
            }
            FileUpload file = uploads.stream().filter(u -> u.name().equals("file")).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("No files were provided with the request."));
            if (uploads.size() > 1) {
                throw ApiException.badRequest("Only one file can be uploaded per request");
            }
            byte[] bytes = Files.readAllBytes(Path.of(file.uploadedFileName()));
            Map<String, String> fields = new LinkedHashMap<>();
            ctx.request().formAttributes().forEach(a -> fields.put(a.getKey(), a.getValue()));
            Responses.ok(ctx, FileService.render(files.add(c, file.fileName(), file.contentType(), bytes, fields, baseUrl)));
        }));
        V1Routes.each(router, "/files/:id", router::put, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, FileService.render(files.update(c, ctx.pathParam("id"), RouteSupport.form(ctx))))));
        V1Routes.each(router, "/files/:id", router::delete, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, Json.object().put("id", files.delete(c, ctx.pathParam("id")).id))));
    }
}
