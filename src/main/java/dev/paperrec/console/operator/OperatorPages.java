package dev.paperrec.console.operator;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.common.security.SecurityConfig;
import dev.paperrec.console.ConsoleGuard;
import dev.paperrec.console.outbox.Outbox;
import dev.paperrec.console.outbox.OutboxMessage;
import dev.paperrec.demo.DemoMode;
import dev.paperrec.digest.compose.DigestResource;
import dev.paperrec.digest.delivery.DigestDelivery;
import dev.paperrec.digest.delivery.RoundResult;
import dev.paperrec.recommend.RecommendationService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The operator view: a page shell at {@code /console} and the fragments it loads with an admin key
 * ({@code /ui/admin/}), plus the signed, framed views of mailed messages ({@code /views/}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OperatorPages {

    private final OperatorViews views;
    private final RecommendationService recommendations;
    private final DigestDelivery delivery;
    private final DigestResource digests;
    private final Outbox outbox;
    private final boolean demoKey;

    OperatorPages(OperatorViews views, RecommendationService recommendations, DigestDelivery delivery,
                  DigestResource digests, Outbox outbox, SecurityConfig security) {
        this.views = views;
        this.recommendations = recommendations;
        this.delivery = delivery;
        this.digests = digests;
        this.outbox = outbox;
        this.demoKey = DemoMode.acceptsDemoKey(security.apiKeys().orElse(List.of()));
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance console(String csrf, String demoKey);

        static native TemplateInstance overview(OperatorViews.Overview overview, String message);

        static native TemplateInstance evaluation(OperatorViews.Evaluation evaluation);

        static native TemplateInstance preview(String userId, String text, String link);

        static native TemplateInstance message(OutboxMessage message, String link, List<String> links);
    }

    @GET
    @Path("console")
    @Operation(hidden = true)
    public TemplateInstance console(RoutingContext ctx) {
        return Templates.console(ctx.get(ConsoleGuard.CSRF), demoKey ? DemoMode.DEMO_KEY : null);
    }

    @GET
    @Path("ui/admin/overview")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance overview() {
        return Templates.overview(views.overview(), null);
    }

    @POST
    @Path("ui/admin/rebuild")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance rebuild() {
        String serving = recommendations.rebuild(0).map(RecommendationService.ModelInfo::version).orElse("none yet");
        return Templates.overview(views.overview(), "Rebuild started; model " + serving
                + " serves until the new one is loaded. Reload this section to see it.");
    }

    @POST
    @Path("ui/admin/digests/run")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance runDigests() {
        RoundResult round = delivery.runRound();
        return Templates.overview(views.overview(), "Digest round: " + round.due() + " due, " + round.sent()
                + " sent, " + round.failed() + " failed, " + round.skipped() + " skipped, "
                + round.confirmationsSent() + " confirmations sent.");
    }

    @GET
    @Path("ui/admin/evaluation")
    @Operation(hidden = true)
    public TemplateInstance evaluation() {
        return Templates.evaluation(views.evaluation());
    }

    @POST
    @Path("ui/admin/evaluation")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance upload(@RestForm("report") FileUpload report) throws IOException {
        if (report == null) {
            throw ApiException.invalid("report", "choose the evaluator's JSON Lines file (--out)");
        }
        try (Reader text = Files.newBufferedReader(report.uploadedFile(), StandardCharsets.UTF_8)) {
            return Templates.evaluation(views.upload(report.fileName(), text));
        }
    }

    @GET
    @Path("ui/admin/digest-preview")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance preview(@QueryParam("userId") String userId) {
        if (userId == null || userId.isBlank()) {
            throw ApiException.invalid("userId", "name the reader whose digest to preview");
        }
        String user = userId.strip();
        Ids.requireUserId("userId", user);
        String text = (String) digests.preview(user, "text").getEntity();
        return Templates.preview(user, text, views.previewLink(user));
    }

    @GET
    @Path("ui/admin/outbox/{id}")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance message(@PathParam("id") long id) {
        OutboxMessage message = outbox.find(id).orElseThrow(() -> ApiException.notFound("Message", "" + id));
        return Templates.message(message, views.outboxLink(id), OperatorViews.links(message.textBody()));
    }

    @GET
    @Path("views/outbox/{id}")
    @Blocking
    @Operation(hidden = true)
    public Response mailedMessage(@PathParam("id") long id, @QueryParam("t") String token) {
        if (!views.verify("outbox:" + id, token)) {
            throw new ApiException(403, "Forbidden", "This link is not signed or has expired: open it from the console");
        }
        OutboxMessage message = outbox.find(id).orElseThrow(() -> ApiException.notFound("Message", "" + id));
        return Response.ok(message.htmlBody() == null ? "" : message.htmlBody(), MediaType.TEXT_HTML + ";charset=UTF-8")
                .build();
    }

    @GET
    @Path("views/digest")
    @Blocking
    @Operation(hidden = true)
    public Response mailedPreview(@QueryParam("user") String userId, @QueryParam("t") String token) {
        if (userId == null || !views.verify("digest:" + userId, token)) {
            throw new ApiException(403, "Forbidden", "This link is not signed or has expired: open it from the console");
        }
        return digests.preview(userId, "html");
    }
}
