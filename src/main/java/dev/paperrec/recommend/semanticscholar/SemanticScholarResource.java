package dev.paperrec.recommend.semanticscholar;

import dev.paperrec.recommend.semanticscholar.SemanticScholarView.PaperLists;
import dev.paperrec.recommend.semanticscholar.SemanticScholarView.RecommendedPapers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Semantic Scholar Recommendations API ({@code /recommendations/v1}), so that its clients work against this
 * service by changing their base URL. Needs the read role. See docs/compatibility.md.
 */
@Path("/recommendations/v1/papers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Semantic Scholar compatible")
public class SemanticScholarResource {

    private static final String FIELDS = "comma-separated paper fields (default paperId,title): paperId, title, "
            + "abstract, authors, year, publicationDate, url, externalIds, referenceCount; that API's other paper "
            + "fields are answered as null; any other name is a 400";
    private static final String LIMIT = "1-500 (default 100)";

    private final SemanticScholarService service;

    SemanticScholarResource(SemanticScholarService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Papers like a list of papers (Semantic Scholar API)", description = "positivePaperIds "
            + "count as upvotes and negativePaperIds as dismissals, as in POST /api/v1/recommendations. Ids: catalogue "
            + "ids, ARXIV:<id>, DOI:<doi>, URL:<arxiv.org or doi.org link>; unknown ones are listed in unknownIds, and "
            + "when no positive id is known the answer is 404.")
    public RecommendedPapers fromLists(@Parameter(description = LIMIT) @QueryParam("limit") String limit,
                                       @Parameter(description = FIELDS) @QueryParam("fields") String fields,
                                       PaperLists body) {
        return service.fromLists(body, limit, fields);
    }

    @GET
    @Path("/forpaper/{paper_id: .+}")
    @Operation(summary = "Papers like one paper (Semantic Scholar API)", description = "The same as a list request "
            + "with this paper as its only positive id; 404 when the catalogue does not hold it.")
    public RecommendedPapers forPaper(
            @Parameter(description = "catalogue id, ARXIV:<id>, DOI:<doi> or URL:<link>") @PathParam("paper_id")
            String paperId,
            @Parameter(description = LIMIT) @QueryParam("limit") String limit,
            @Parameter(description = "recent or all-cs: accepted, both mean the whole catalogue") @QueryParam("from")
            String pool,
            @Parameter(description = FIELDS) @QueryParam("fields") String fields) {
        return service.forPaper(paperId, limit, pool, fields);
    }
}
