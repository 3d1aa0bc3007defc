package dev.paperrec.console.reader;

import dev.paperrec.common.security.SecurityConfig;
import dev.paperrec.console.ConsoleGuard;
import dev.paperrec.demo.DemoMode;
import dev.paperrec.digest.subscription.SubscriptionView;
import dev.paperrec.paper.PaperView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/**
 * The reader view: a page shell at {@code /} and a page per paper, public and free of reader data, and the
 * fragments they load with the key kept in the browser tab ({@code /ui/}, checked by the same API keys and roles).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Console")
public class ReaderPages {

    private final ReaderViews views;
    private final boolean demoKey;

    ReaderPages(ReaderViews views, SecurityConfig security) {
        this.views = views;
        this.demoKey = DemoMode.acceptsDemoKey(security.apiKeys().orElse(List.of()));
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reader(String csrf, String demoKey);

        static native TemplateInstance paper(String csrf, String demoKey, PaperView paper, String link);

        static native TemplateInstance missing(String csrf, String demoKey, String paperId);

        static native TemplateInstance readerLists(ReaderViews.Reader reader);

        static native TemplateInstance similar(List<PaperCard> cards);

        static native TemplateInstance readers(List<String> readers);

        static native TemplateInstance subscribed(SubscriptionView subscription);
    }

    @GET
    @Operation(summary = "The reader view (console)", hidden = true)
    public TemplateInstance reader(RoutingContext ctx) {
        return Templates.reader(ctx.get(ConsoleGuard.CSRF), demoKeyHint());
    }

    /** Any id the catalogue accepts: a slash in it may come encoded ({@code %2F}, as the console links it) or not. */
    @GET
    @Path("papers/{id: .+}")
    @Blocking
    @Operation(hidden = true)
    public Response paper(@PathParam("id") String id, RoutingContext ctx) {
        Optional<PaperView> paper = views.find(id);
        String csrf = ctx.get(ConsoleGuard.CSRF);
        if (paper.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Templates.missing(csrf, demoKeyHint(), id))
                    .build();
        }
        // Only web links leave the page: a url field is input from outside.
        String url = paper.get().url();
        String link = url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
        return Response.ok(Templates.paper(csrf, demoKeyHint(), paper.get(), link)).build();
    }

    @GET
    @Path("ui/readers")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance readers() {
        return Templates.readers(views.readers());
    }

    @GET
    @Path("ui/reader/{userId}")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance readerLists(@PathParam("userId") String userId) {
        return Templates.readerLists(views.reader(userId));
    }

    @POST
    @Path("ui/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance act(@FormParam("userId") String userId, @FormParam("paperId") String paperId,
                                @FormParam("type") String type) {
        views.act(userId, paperId, type);
        return Templates.readerLists(views.reader(userId));
    }

    @POST
    @Path("ui/subscription")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance subscribe(@FormParam("userId") String userId, @FormParam("email") String email) {
        return Templates.subscribed(views.subscribe(userId, email));
    }

    @GET
    @Path("ui/papers/{id: .+}/similar")
    @Blocking
    @Operation(hidden = true)
    public TemplateInstance similar(@PathParam("id") String id) {
        return Templates.similar(views.similar(id));
    }

    /** The demo key, offered in the key box on the demo start only: it is documented and accepted on loopback. */
    private String demoKeyHint() {
        return demoKey ? DemoMode.DEMO_KEY : null;
    }
}
